import SubgenCore
import SubgenEvidence
import SubgenModel

/// Runs every coverage check of guidance-map.md section 4 over a loaded project.
///
/// Findings are warnings (errors with `--strict`). Record findings sit at the record's ID; chapter and section
/// findings sit at the manifest, which stands for the package as a whole.
public struct CoverageChecker: Sendable {
    public let relations: Relations
    public let evidence: Evidence
    public let inventory: SBOMInventory
    public let vulnerabilities: VulnerabilityLedger
    public let tests: TestEvidence
    private var project: Project { relations.project }

    public init(
        _ relations: Relations, evidence: Evidence, inventory: SBOMInventory, vulnerabilities: VulnerabilityLedger,
        tests: TestEvidence
    ) {
        self.relations = relations
        self.evidence = evidence
        self.inventory = inventory
        self.vulnerabilities = vulnerabilities
        self.tests = tests
    }

    /// Every finding, in a stable order (records in project order, then sections in package order).
    public func findings() -> [CoverageFinding] {
        // The checks are independent: records in runs, then the other groups, all at once on large projects;
        // the results are joined in the order above.
        let records = project.records.indices
        let runs = records.count >= 2000 ? 8 : 1
        let size = (records.count + runs - 1) / max(runs, 1)
        var groups: [@Sendable () -> [CoverageFinding]] = stride(from: 0, to: records.count, by: max(size, 1)).map { start in
            { records[start..<min(start + size, records.count)].flatMap { recordFindings(project.records[$0]) } }
        }
        groups += [viewFindings, componentFindings, vexFindings, sectionFindings, checklistFindings]
        let found = runs > 1 ? groups.concurrentMap { $0() } : groups.map { $0() }
        return found.flatMap { $0 }
    }

    // MARK: Records

    private func recordFindings(_ record: Record) -> [CoverageFinding] {
        var found: [CoverageFinding] = []
        func gap(_ id: String, _ message: String) {
            found.append(CoverageFinding(.record(record.id), id, message, at: record.location))
        }
        switch record.kind {
        case "threat":
            if !relations.refs(record, "Mitigated by").contains(where: { project.kind(of: $0) == "control" }) {
                gap("threat-without-control", "threat \(record.id) has no mitigating control in 'Mitigated by'")
            }
            if relations.referrers(of: record.id, kind: "risk", field: "Threats").isEmpty {
                gap("threat-without-risk", "threat \(record.id) is assessed in no risk: name it in a RISK record's 'Threats'")
            }
        case "control":
            if relations.referrers(of: record.id, kind: "threat", field: "Mitigated by").isEmpty
                && relations.referrers(of: record.id, kind: "risk", field: "Controls").isEmpty
            {
                gap(
                    "control-without-threat",
                    "control \(record.id) is referenced by no threat ('Mitigated by') or risk ('Controls')")
            }
            if requirements(of: record).isEmpty && relations.referrers(of: record.id, kind: "test", field: "Verifies").isEmpty {
                gap(
                    "control-without-requirement",
                    "control \(record.id) has no requirement and no test: list requirements in 'Requirements' "
                        + "or name it in a test's 'Verifies'")
            }
        case "requirement":
            if tests(of: record).isEmpty {
                gap("requirement-without-test", "requirement \(record.id) is verified by no test")
            }
        case "test":
            found += testFindings(record)
        case "risk":
            if case .flag(false) = record.value("Acceptable") {
                gap(
                    "risk-not-acceptable",
                    "the residual risk of \(record.id) is not acceptable: add controls, or justify it in the risk assessment")
            }
        case "sbom":
            found += sbomFindings(record)
        case "vulnerability":
            if case .choice("Under investigation") = record.value("Status") {
                gap(
                    "vulnerability-under-investigation",
                    "vulnerability \(record.id) is still under investigation: complete its assessment before submission")
            }
            if case .flag(true) = record.value("Exploitable"), relations.refs(record, "Controls").isEmpty {
                gap("exploitable-without-control", "vulnerability \(record.id) is exploitable and names no controls")
            }
        default:
            break
        }
        return found
    }

    private func testFindings(_ record: Record) -> [CoverageFinding] {
        var found: [CoverageFinding] = []
        func gap(_ id: String, _ message: String) {
            found.append(CoverageFinding(.record(record.id), id, message, at: record.location))
        }
        let outcome = tests.outcomes[record.id]
        var result: String?
        if case .choice(let written) = record.value("Result") { result = written }
        if result == nil && record.value("Evidence") == nil {
            gap("test-without-result", "test \(record.id) has no result: add 'Result' or 'Evidence'")
        }
        if result == "Fail" {
            gap("test-failed", "test \(record.id) failed: fix the cause or assess it as a finding or anomaly")
        } else if result == nil, let outcome, outcome.verdict == .fail {
            gap(
                "test-failed",
                "test \(record.id) failed according to its evidence (\(outcome.summary)): fix the cause or assess it "
                    + "as a finding or anomaly")
        }
        if case .choice("Penetration") = record.value("Type") {
            var missing: [String] = []
            if case .flag(true) = record.value("Independent") {} else { missing.append("tester independence ('Independent: yes')") }
            for field in ["Scope", "Duration", "Methods"] where (record.fields[key: FieldSpec.normalize(field)]?.text ?? "").isEmpty {
                missing.append("'\(field)'")
            }
            if !missing.isEmpty {
                gap(
                    "penetration-test-incomplete",
                    "penetration test \(record.id) does not state " + Self.list(missing))
            }
        }
        return found
    }

    /// Cross-boundary flows without stated protection; interfaces no flow uses.
    private func viewFindings() -> [CoverageFinding] {
        var found: [CoverageFinding] = []
        var used: Set<String> = []
        for view in ArchitectureView.all(in: project) {
            for flow in view.flows {
                used.formUnion(flow.references)
                let missing = view.missingProtection(flow)
                guard !missing.isEmpty else { continue }
                let zones = "\(view.zone(of: flow.from) ?? "") to \(view.zone(of: flow.to) ?? "")"
                found.append(
                    CoverageFinding(
                        .record(view.record.id), "flow-unprotected",
                        "flow '\(flow.from) -> \(flow.to)' of \(view.record.id) crosses a trust boundary (\(zones)) "
                            + "but states no \(Self.list(missing)): add 'Authentication:' and 'Encryption:' details",
                        at: flow.location))
            }
        }
        for interface in project.records(ofKind: "interface") where !used.contains(interface.id) {
            found.append(
                CoverageFinding(
                    .record(interface.id), "interface-without-flow",
                    "interface \(interface.id) appears in no flow of an architecture view: name it in a VIEW flow "
                        + "(text or 'Interface:')",
                    at: interface.location))
        }
        return found
    }

    /// An SBOM file lacking the document-level NTIA elements (author, timestamp), or adding nothing.
    private func sbomFindings(_ record: Record) -> [CoverageFinding] {
        guard case .file(let attachment) = record.value("File"), let document = evidence.files[attachment.path]?.sbom
        else { return [] }
        var found: [CoverageFinding] = []
        let location = SourceLocation(file: attachment.path, line: 1, column: 1)
        var missing: [String] = []
        // Generators rarely know who the SBOM's author is; the record may say.
        if document.authors.isEmpty && (record.fields[key: "author"]?.text ?? "").isEmpty {
            missing.append("an author (in the file or in the record's 'Author')")
        }
        if (document.timestamp ?? "").isEmpty { missing.append("a timestamp") }
        if !missing.isEmpty {
            found.append(
                CoverageFinding(
                    .record(record.id), "sbom-incomplete",
                    "\(attachment.path) (\(record.id)) does not state \(Self.list(missing)) (NTIA minimum elements)",
                    at: location))
        }
        if document.components.isEmpty && document.vulnerabilities.isEmpty {
            found.append(
                CoverageFinding(
                    .record(record.id), "evidence-empty", "\(attachment.path) (\(record.id)) lists no components", at: location))
        }
        return found
    }

    /// Every component of the merged inventory: NTIA elements, support level and end of support.
    private func componentFindings() -> [CoverageFinding] {
        var found: [CoverageFinding] = []
        let date = project.manifest.date
        for component in inventory.components {
            let record = component.record.flatMap(project.record)
            let subject: CoverageFinding.Subject = record.map { .record($0.id) } ?? .section("1.4")
            let location = record?.location ?? component.sources.first?.location ?? project.manifest.location
            var name: String { Self.describe(component) }
            let missing = component.missingElements
            if !missing.isEmpty {
                found.append(
                    CoverageFinding(
                        subject, "component-incomplete",
                        "component \(name) lacks NTIA minimum elements: \(missing.joined(separator: ", "))", at: location))
            }
            var support: [String] = []
            if component.support == nil { support.append("support level") }
            if component.endOfSupport == nil { support.append("end-of-support date") }
            // The product an SBOM describes is the manufacturer's own software, supported with the device.
            if !support.isEmpty && !(component.isPrimary && component.record == nil) {
                found.append(
                    CoverageFinding(
                        record.map { .record($0.id) } ?? .section("1.5"), "component-without-support",
                        "component \(name) has no \(Self.list(support)): add a SW record matching it by PURL or "
                            + "name and version, or the properties \(SBOMInventory.supportProperty) and "
                            + "\(SBOMInventory.endOfSupportProperty) in the SBOM",
                        at: location))
            }
            if let end = component.endOfSupport, SBOMInventory.isDate(end), let date, end <= date {
                let at = record?.fields[key: "end of support"]?.value.location ?? location
                found.append(
                    CoverageFinding(
                        subject, "end-of-support-passed",
                        "component \(name) reached end of support on \(end), on or before the package date \(date)",
                        at: at))
            }
        }
        return found
    }

    /// `SW-001 (zlib 1.3)` or `zlib 1.3 (sbom/app.cdx.json $.components[4])`.
    static func describe(_ component: InventoryComponent) -> String {
        let label = component.label.isEmpty ? "(unnamed)" : "'\(component.label)'"
        if let record = component.record { return "\(record) \(label)" }
        guard let source = component.sources.first else { return label }
        return "\(label) (\(source.file) \(source.jsonPath))"
    }

    /// Vulnerabilities that only VEX sources speak of: still under investigation, or affecting the product
    /// with no VULN record assessing risk and controls.
    private func vexFindings() -> [CoverageFinding] {
        var found: [CoverageFinding] = []
        for entry in vulnerabilities.entries where entry.record == nil {
            guard let vex = entry.vex else { continue }
            let component = entry.component.flatMap(inventory.component(key:)).map { "'\($0.label)'" } ?? entry.product.map { "'\($0)'" }
            let subject = entry.id + (component.map { " in \($0)" } ?? "")
            let place = "\(vex.file) \(vex.statement.jsonPath)"
            switch vex.statement.status {
            case .underInvestigation:
                found.append(
                    CoverageFinding(
                        .section("1.5"), "vulnerability-under-investigation",
                        "\(subject) is not assessed yet (\(place)): add a VULN record with its assessment", at: vex.location))
            case .affected:
                found.append(
                    CoverageFinding(
                        .section("1.5"), "vulnerability-unassessed",
                        "\(subject) affects the device according to \(place), but no VULN record assesses its risk "
                            + "and controls",
                        at: vex.location))
            case .notAffected, .fixed:
                break
            }
        }
        return found
    }

    // MARK: Sections

    private func sectionFindings() -> [CoverageFinding] {
        var found: [CoverageFinding] = []
        let location = project.manifest.location
        for section in PackageOutline.all where isIncluded(section) && !hasContent(section) {
            found.append(
                CoverageFinding(
                    .section(section.number), "section-empty",
                    "package section \(section.heading) has no content: it expects \(section.expectation)",
                    at: location))
        }
        return found
    }

    private func isIncluded(_ section: OutlineSection) -> Bool {
        section.number != "7" || project.manifest.isCyberDevice
    }

    /// Whether the section has something to show besides its "missing" statement.
    public func hasContent(_ section: OutlineSection) -> Bool {
        if section.sections.contains(where: hasContent) { return true }
        if section.pageSections.contains(where: { !project.pages(inSection: $0).isEmpty }) { return true }
        if section.kinds.contains(where: { project.hasRecords(ofKind: $0) }) { return true }
        switch section.number {
        case "0", "7", "A": return true
        case "1.3": return project.hasRecords(ofKind: "interface")
        case "1.4": return !inventory.components.isEmpty
        case "1.5": return !inventory.components.isEmpty || !vulnerabilities.entries.isEmpty
        case "1.7": return project.hasRecords(ofKind: "threat")
        default: return false
        }
    }

    // MARK: Checklists

    private func checklistFindings() -> [CoverageFinding] {
        var found: [CoverageFinding] = []
        let location = project.manifest.location
        func gap(_ section: String, _ id: String, _ message: String) {
            found.append(CoverageFinding(.section(section), id, message, at: location))
        }

        let views = Set(project.records(ofKind: "view").compactMap { Self.choice($0.value("View")) })
        let viewPages = project.pages(inSection: "V.B.2").map { $0.narrative.map { $0.plainText() }.joined(separator: " ").lowercased() }
        for view in Guidance.viewTypes
        where !views.contains(view) && !viewPages.contains(where: { $0.contains(view.lowercased()) }) {
            gap(
                "3.2", "view-missing",
                "no '\(view)' architecture view: add a VIEW record with 'View: \(view)', or explain its omission "
                    + "on a page with 'Section: V.B.2' that names the view")
        }

        let categories = Set(project.records(ofKind: "control").compactMap { Self.choice($0.value("Category")) })
        for category in Guidance.controlCategories.values where !categories.contains(category) {
            gap("3.1", "category-without-control", "no security control in the Appendix 1 category '\(category)'")
        }

        let labeled = Set(project.records(ofKind: "labeling").flatMap { Self.items($0.value("Addresses")) })
        for item in Guidance.labelingItems where !labeled.contains(item.id) {
            gap("5", "labeling-item-missing", "labeling item \(item.id) (\(item.title)) is addressed by no LBL record")
        }

        let plans = project.records(ofKind: "plan")
        let elements = Set(plans.flatMap { Self.items($0.value("Element")) })
        let cyber = project.manifest.isCyberDevice
        for element in Guidance.planElements where !elements.contains(element.id) {
            let required = cyber && element.id == "P8" ? " (required for cyber devices by section 524B(b)(2))" : ""
            gap("6", "plan-element-missing", "plan element \(element.id) (\(element.title)) is addressed by no PLAN record\(required)")
        }
        if cyber && elements.contains("P5") {
            let patchPlans = plans.filter { Self.items($0.value("Element")).contains("P5") }
            let hasRegular = patchPlans.contains { !($0.fields[key: "regular cycle"]?.text ?? "").isEmpty }
            let hasOutOfCycle = patchPlans.contains { !($0.fields[key: "out of cycle"]?.text ?? "").isEmpty }
            if !hasRegular || !hasOutOfCycle {
                let missing = [hasRegular ? nil : "'Regular cycle'", hasOutOfCycle ? nil : "'Out of cycle'"].compactMap { $0 }
                gap(
                    "6", "patch-cycles-missing",
                    "plan element P5 of a cyber device must state both patch timelines (section 524B(b)(2)); "
                        + "missing " + Self.list(missing))
            }
        }

        let types = Set(project.records(ofKind: "test").compactMap { Self.choice($0.value("Type")) })
        for type in KindCatalog.testTypes.values where !types.contains(type) {
            gap("4", "test-type-missing", "no test of type '\(type)' (section V.C)")
        }

        if project.pages(inSection: "V.A.6").isEmpty {
            let metrics = Set(project.records(ofKind: "metric").compactMap { record in
                record.fields[key: "metric"].flatMap { Guidance.metric(named: $0.text) }
            })
            for metric in Guidance.metrics where !metrics.contains(metric.id) {
                gap(
                    "2", "metric-missing",
                    "metric \(metric.id) (\(metric.title)) has no MET record and no page with 'Section: V.A.6' justifies its absence")
            }
        }

        if project.records(ofKind: "anomaly").isEmpty && project.pages(inSection: "V.A.5").isEmpty {
            gap(
                "1.6", "anomalies-not-stated",
                "no ANOM records and no page with 'Section: V.A.5': list the unresolved anomalies or state that none exist")
        }
        return found
    }

    // MARK: Helpers

    /// The requirements of a control: its `Requirements` and requirements naming it in `Controls`.
    public func requirements(of control: Record) -> [String] {
        relations.linked(control, "Requirements", kind: "requirement", inverseField: "Controls")
    }

    /// The tests of a requirement: its `Verified by` and tests naming it in `Verifies`.
    public func tests(of requirement: Record) -> [String] {
        relations.linked(requirement, "Verified by", kind: "test", inverseField: "Verifies")
    }

    static func choice(_ value: FieldValue?) -> String? {
        if case .choice(let choice) = value { return choice }
        return nil
    }

    static func items(_ value: FieldValue?) -> [String] {
        if case .items(let items) = value { return items }
        return []
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    }
}
