import SubgenEvidence
import SubgenImport
import SubgenModel
import SubgenPackage

/// The tables drawn from evidence files merged with records: SBOM (1.4), support and vulnerabilities (1.5),
/// static analysis (4).
extension ViewModelBuilder {
    private var inventory: SBOMInventory { analysis.inventory }

    // MARK: 1.4 Software Bill of Materials

    func sbomFileTable() -> TableView {
        var counts: [String: Int] = [:]
        for component in inventory.components {
            for sbom in Set(component.sources.map(\.sbom)) { counts[sbom, default: 0] += 1 }
        }
        return TableView(
            "Machine-readable SBOM files",
            columns: ["SBOM", "File", "Format", "Author", "Timestamp", "Tools", "Components", "Scope"],
            rows: records("sbom").map { record in
                let file = analysis.evidence.file(record, "File")
                let document = file?.sbom
                let count = counts[record.id] ?? 0
                return [
                    idCell(record), cell(record, "File"),
                    Cell(text: file?.description ?? "not read", gap: document == nil),
                    authorCell(document, record),
                    Cell(text: document?.timestamp ?? "", gap: document != nil && (document?.timestamp ?? "").isEmpty),
                    Cell(text: document.map { $0.tools.joined(separator: "; ") } ?? ""),
                    Cell(text: document == nil ? "" : String(count)), cell(record, "Scope"),
                ]
            }, empty: "No SBOM records name a machine-readable SBOM file.")
    }

    /// The file's authors, else the record's `Author`; a gap when neither says.
    private func authorCell(_ document: SBOMDocument?, _ record: Record) -> Cell {
        guard let document else { return Cell(text: "") }
        if !document.authors.isEmpty { return Cell(text: document.authors.joined(separator: "; ")) }
        let author = text(record, "Author")
        return author.isEmpty ? Cell(text: "missing", gap: true) : Cell(text: "\(author) (from \(record.id))")
    }

    func componentTable() -> TableView {
        TableView(
            "Software components (NTIA minimum elements, hash and license)",
            columns: ["Component", "Version", "Supplier", "Identifiers", "Depends on", "Hashes", "License", "Sources"],
            rows: inventory.components.map { component in
                [
                    Cell(text: component.name.isEmpty ? "(unnamed)" : component.name, gap: component.name.isEmpty),
                    Cell(text: component.version ?? "missing", gap: component.version == nil),
                    Cell(text: component.supplier ?? "missing", gap: component.supplier == nil),
                    identifierCell(component), dependencyCell(component),
                    Cell(component.hashes.enumerated().map { index, hash in
                        Fragment(text: "\(hash.algorithm): \(hash.value)", code: true, separator: index == 0 ? "" : ", ")
                    }),
                    Cell(text: component.licenses.joined(separator: "; ")), sourceCell(component),
                ]
            }, empty: "No components: name SBOM files in SBOM records or describe components in SW records.")
    }

    private func identifierCell(_ component: InventoryComponent) -> Cell {
        let identifiers = (component.purl.map { [$0] } ?? []) + component.cpes
        if identifiers.isEmpty { return Cell(text: "missing", gap: true) }
        return Cell(identifiers.enumerated().map { index, identifier in
            Fragment(text: identifier, code: true, separator: index == 0 ? "" : ", ")
        })
    }

    private func dependencyCell(_ component: InventoryComponent) -> Cell {
        if component.dependsOn.isEmpty {
            let known = component.inDependencyGraph || component.sources.isEmpty
            return Cell(text: known ? "" : "not in the dependency graph", gap: !known)
        }
        return Cell(component.dependsOn.enumerated().map { index, key in
            Fragment(text: inventory.component(key: key)?.label ?? key, separator: index == 0 ? "" : ", ")
        })
    }

    /// The SW record and every file place the component comes from.
    private func sourceCell(_ component: InventoryComponent) -> Cell {
        var fragments: [Fragment] = []
        if let record = component.record {
            fragments.append(Fragment(text: record, href: linker.href(ofRecord: record)))
        }
        for source in component.sources {
            fragments.append(
                Fragment(
                    text: "\(source.file) \(source.jsonPath)", href: linker.href(ofAttachment: source.file), code: true,
                    separator: fragments.isEmpty ? "" : ", "))
        }
        return Cell(fragments)
    }

    // MARK: 1.5 Vulnerability assessment and software support

    func supportTable() -> TableView {
        let date = project.manifest.date
        let byComponent = Dictionary(grouping: analysis.vulnerabilities.entries.filter { $0.component != nil }) { $0.component! }
        return TableView(
            "Level of support and end of support",
            columns: ["Component", "Record", "Support", "End of support", "Vulnerabilities"],
            rows: inventory.components.map { component in
                let end = component.endOfSupport
                var ended = false
                if let end, let date, SBOMInventory.isDate(end) { ended = end <= date }
                let vulnerabilities = byComponent[component.key] ?? []
                // The product an SBOM describes is supported with the device (no finding either).
                let device = component.isPrimary && component.record == nil
                if device && component.support == nil && end == nil {
                    return [
                        Cell(text: component.label), Cell(text: ""), Cell(text: "with the device"), Cell(text: "with the device"),
                        vulnerabilityLinks(vulnerabilities),
                    ]
                }
                return [
                    Cell(text: component.label.isEmpty ? "(unnamed)" : component.label),
                    component.record.map { Cell([Fragment(text: $0, href: linker.href(ofRecord: $0))]) } ?? Cell(text: ""),
                    Cell(text: component.support ?? "missing", gap: component.support == nil || component.support == "Unsupported"),
                    Cell(text: end ?? "missing", gap: end == nil || ended),
                    vulnerabilityLinks(vulnerabilities),
                ]
            }, empty: "No components.")
    }

    private func vulnerabilityLinks(_ entries: [VulnerabilityEntry]) -> Cell {
        Cell(entries.enumerated().map { index, entry in
            Fragment(text: entry.id, href: linker.href(ofID: entry.id), separator: index == 0 ? "" : ", ")
        })
    }

    func vulnerabilityTable() -> TableView {
        TableView(
            "Known vulnerabilities: VULN assessments merged with VEX statements",
            columns: ["Vulnerability", "Component", "Assessment", "Status", "Exploitable", "CVSS", "Controls", "VEX"],
            rows: analysis.vulnerabilities.entries.map(vulnerabilityRow),
            empty: "No known vulnerabilities: no VULN records, and no VEX statements in the evidence files.")
    }

    private func vulnerabilityRow(_ entry: VulnerabilityEntry) -> [Cell] {
        let record = entry.record.flatMap(project.record)
        let component = entry.component.flatMap(inventory.component(key:))
        let componentCell = Cell(text: component?.label ?? entry.product ?? "")
        let vex = entry.vex
        var vexFragments: [Fragment] = []
        if let vex {
            let statement = vex.statement
            let words = [statement.state, statement.justification, statement.detail].compactMap { $0 }.filter { !$0.isEmpty }
            vexFragments = [
                Fragment(text: words.joined(separator: ", ")),
                Fragment(text: "\(vex.file) \(statement.jsonPath)", href: linker.href(ofAttachment: vex.file), code: true, separator: " "),
            ]
        }
        guard let record else {
            let status = vex?.statement.status
            let open = status == .affected || status == .underInvestigation
            return [
                Cell([Fragment(text: entry.id, href: linker.href(ofID: entry.id))]), componentCell,
                Cell(text: "none", gap: open), Cell(text: status?.words ?? "", gap: open), Cell(text: ""),
                Cell(text: Self.rating(vex?.statement)), Cell(text: ""), Cell(vexFragments),
            ]
        }
        let conflict = entry.conflicts
        let exploitable = record.value("Exploitable") == .flag(true)
        let controls = analysis.relations.refs(record, "Controls")
        return [
            Cell([Fragment(text: entry.id, href: linker.href(ofID: entry.id))]), componentCell, idCell(record),
            Cell(text: text(record, "Status"), gap: record.value("Status") == .choice("Under investigation")),
            cell(record, "Exploitable"),
            record.fields[key: "cvss"] == nil ? Cell(text: Self.rating(vex?.statement)) : cell(record, "CVSS"),
            refCell(controls, gapWhenEmpty: exploitable),
            Cell(vexFragments + (conflict ? [Fragment(text: "(conflicts with the record)", separator: " ")] : []), gap: conflict),
        ]
    }

    /// The highest-scored rating of a VEX statement: `9.8 critical (CVSSv31)`.
    static func rating(_ statement: VEXStatement?) -> String {
        guard let statement, !statement.ratings.isEmpty else { return "" }
        let best = statement.ratings.max { ($0.score ?? -1) < ($1.score ?? -1) }!
        let score = best.score.map { String(format: "%.1f", $0) }
        let method = best.method.map { "(\($0))" }
        return [score, best.severity, method].compactMap { $0 }.joined(separator: " ")
    }

    // MARK: 4 Static analysis

    /// Tests with SARIF evidence and their findings.
    private var sarifTests: [(Record, SARIFLog)] {
        records("test").compactMap { test in analysis.evidence.file(test, "Evidence")?.sarif.map { (test, $0) } }
    }

    func staticAnalysisTable() -> TableView {
        var rows: [[Cell]] = []
        for (test, log) in sarifTests {
            for run in log.runs {
                let tool = [run.tool, run.toolVersion ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
                var byRule: [String: (level: SARIFLog.Level, total: Int, open: Int)] = [:]
                for result in run.results {
                    var entry = byRule[result.ruleID] ?? (result.level, 0, 0)
                    entry.level = min(entry.level, result.level)
                    entry.total += 1
                    if result.isOpen { entry.open += 1 }
                    byRule[result.ruleID] = entry
                }
                let sorted = byRule.sorted { ($0.value.level, $0.key) < ($1.value.level, $1.key) }
                if sorted.isEmpty { rows.append([idCell(test), Cell(text: tool), Cell(text: "no findings"), Cell(text: ""), Cell(text: "0"), Cell(text: "0")]) }
                for (rule, entry) in sorted {
                    let summary = run.rules.first { $0.id == rule }?.summary
                    rows.append([
                        idCell(test), Cell(text: tool),
                        Cell([Fragment(text: rule.isEmpty ? "(no rule)" : rule, code: true)] + (summary.map { [Fragment(text: $0, separator: ": ")] } ?? [])),
                        Cell(text: entry.level.rawValue), Cell(text: String(entry.total)),
                        Cell(text: String(entry.open), gap: entry.level == .error && entry.open > 0),
                    ])
                }
            }
        }
        return TableView(
            "Static analysis findings by level and rule (SARIF)", columns: ["Test", "Tool", "Rule", "Level", "Findings", "Open"],
            rows: rows, empty: "No test names a SARIF file as evidence.")
    }

    func openFindingsTable() -> TableView {
        var rows: [[Cell]] = []
        for (test, log) in sarifTests {
            for result in log.runs.flatMap(\.results) where result.isOpen {
                rows.append([
                    idCell(test), Cell([Fragment(text: result.ruleID, code: true)]),
                    Cell(text: result.level.rawValue, gap: result.level == .error), Cell(text: result.message),
                    Cell(result.locations.enumerated().map { index, location in
                        Fragment(text: location, code: true, separator: index == 0 ? "" : ", ")
                    }),
                    Cell(text: result.baselineState ?? ""),
                ])
            }
        }
        return TableView(
            "Open static-analysis findings", columns: ["Test", "Rule", "Level", "Message", "Location", "Baseline"],
            rows: rows, empty: "No open static-analysis findings.")
    }
}
