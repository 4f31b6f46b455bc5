import SubgenModel
import SubgenPackage

/// The tables each section generates from its records (guidance-map.md section 1).
extension ViewModelBuilder {
    func tables(for section: OutlineSection) -> [TableView] {
        switch section.number {
        case "1.1": return [assetTable(), threatTable()]
        case "1.2": return [riskTable()]
        case "1.3": return [interoperabilityTable()]
        case "1.4": return [sbomFileTable(), componentTable()]
        case "1.5": return [supportTable(), vulnerabilityTable()]
        case "1.6": return [anomalyTable()]
        case "1.7": return [traceabilityTable()]
        case "2": return [metricTable()]
        case "3.1": return controlTables() + [requirementTable()]
        case "3.2": return [viewTable()]
        case "4": return [testTable(), staticAnalysisTable(), openFindingsTable(), findingTable()]
        case "5": return [labelingTable()]
        case "6": return [planTable()]
        case "7": return [cyberDeviceTable()]
        default: return []
        }
    }

    // MARK: Cells

    func text(_ record: Record, _ field: String) -> String {
        record.fields[key: FieldSpec.normalize(field)]?.text ?? ""
    }

    func cell(_ record: Record, _ field: String, required: Bool = false) -> Cell {
        guard let value = record.fields[key: FieldSpec.normalize(field)] else {
            return Cell(text: required ? "missing" : "", gap: required)
        }
        return Cell(fieldFragments(value))
    }

    func idCell(_ record: Record) -> Cell {
        Cell([Fragment(text: record.id, href: linker.href(ofRecord: record.id))])
    }

    /// Links to `ids`; an empty list is a gap when `gap` says so.
    func refCell(_ ids: [String], gapWhenEmpty: Bool = false, empty: String = "none") -> Cell {
        ids.isEmpty ? Cell(text: gapWhenEmpty ? empty : "", gap: gapWhenEmpty) : Cell(references(ids))
    }

    func records(_ kind: String) -> [Record] { project.records(ofKind: kind) }

    /// A test's result: its `Result`, else what its evidence shows, else a gap; `Fail` is a gap too.
    func resultCell(_ test: Record) -> Cell {
        let outcome = analysis.testEvidence.outcomes[test.id]
        if case .choice(let result) = test.value("Result") {
            let detail = outcome.map { [Fragment(text: "evidence: \($0.summary)", separator: "; ")] } ?? []
            return Cell([Fragment(text: result)] + detail, gap: result != "Pass")
        }
        if let outcome {
            return Cell(
                [Fragment(text: outcome.verdict.rawValue), Fragment(text: "from evidence: \(outcome.summary)", separator: "; ")],
                gap: outcome.verdict != .pass)
        }
        return Cell(text: "no result", gap: true)
    }

    /// `TEST-001: Pass, TEST-002: evidence`: each test's result in a few words; a gap if any is one.
    private func resultsCell(_ tests: [Record]) -> Cell {
        let results = tests.map(resultCell)
        let fragments = zip(tests, results).enumerated().map { index, pair in
            let text = pair.1.fragments.first?.text ?? ""
            return Fragment(text: "\(pair.0.id): \(text)", separator: index == 0 ? "" : ", ")
        }
        return Cell(fragments, gap: results.contains(where: \.gap))
    }

    // MARK: 1.1 to 1.7

    private func assetTable() -> TableView {
        TableView(
            "Assets", columns: ["Asset", "Title", "Type"],
            rows: records("asset").map { [idCell($0), Cell(text: $0.title), cell($0, "Type")] }, empty: "No ASSET records.")
    }

    private func threatTable() -> TableView {
        TableView(
            "Threats (STRIDE summary)", columns: ["Threat", "Title", "STRIDE", "Assets", "Entry points", "Mitigated by"],
            rows: records("threat").map { threat in
                [
                    idCell(threat), Cell(text: threat.title), cell(threat, "STRIDE"), cell(threat, "Assets"),
                    cell(threat, "Entry points"),
                    refCell(analysis.relations.refs(threat, "Mitigated by"), gapWhenEmpty: true),
                ]
            }, empty: "No THR records.")
    }

    private func riskTable() -> TableView {
        TableView(
            "Risks before and after mitigation",
            columns: [
                "Risk", "Threats", "Exploitability", "Severity", "Controls", "Residual exploitability", "Acceptable",
                "Safety risk",
            ],
            rows: records("risk").map { risk in
                let acceptable = risk.value("Acceptable")
                return [
                    idCell(risk), cell(risk, "Threats"), cell(risk, "Exploitability"), cell(risk, "Severity"),
                    cell(risk, "Controls"), cell(risk, "Residual exploitability"),
                    Cell(text: text(risk, "Acceptable"), gap: acceptable == .flag(false)), cell(risk, "Safety risk"),
                ]
            }, empty: "No RISK records.")
    }

    private func interoperabilityTable() -> TableView {
        let relations = analysis.relations
        return TableView(
            "Interfaces with their threats, risks and controls",
            columns: ["Interface", "Protocol", "Connects", "Threats", "Risks", "Controls"],
            rows: records("interface").map { interface in
                let threats = relations.referrers(of: interface.id, kind: "threat", field: "Entry points")
                var risks: [String] = []
                var controls = relations.refs(interface, "Controls")
                for threat in threats.compactMap(project.record) {
                    for risk in relations.referrers(of: threat.id, kind: "risk", field: "Threats") where !risks.contains(risk) {
                        risks.append(risk)
                    }
                    for control in relations.refs(threat, "Mitigated by") where !controls.contains(control) {
                        controls.append(control)
                    }
                }
                return [
                    idCell(interface), cell(interface, "Protocol"), cell(interface, "Connects"), refCell(threats),
                    refCell(risks), refCell(controls),
                ]
            }, empty: "No IF records.")
    }

    private func anomalyTable() -> TableView {
        TableView(
            "Unresolved anomalies", columns: ["Anomaly", "Title", "Security impact", "CWE", "Assessment"],
            rows: records("anomaly").map { anomaly in
                [idCell(anomaly), Cell(text: anomaly.title), cell(anomaly, "Security impact"), cell(anomaly, "CWE"), cell(anomaly, "Assessment")]
            }, empty: "No ANOM records.")
    }

    private func traceabilityTable() -> TableView {
        let matrix = TraceabilityMatrix(analysis)
        // A control appears in the row of each threat it mitigates; its cells are made once.
        var downstream: [String: [Cell]] = [:]
        return TableView(
            "Traceability: threat, risk, control, requirement, test, result",
            columns: ["Threat", "Risks", "Control", "Requirements", "Tests", "Results"],
            rows: matrix.rows.map { row in
                let leading = [
                    Cell([Fragment(text: row.threat, href: linker.href(ofRecord: row.threat))]),
                    refCell(row.risks, gapWhenEmpty: true, empty: "no risk"),
                ]
                guard let control = row.control else {
                    return leading + [
                        Cell(text: "no control", gap: true), refCell([]), refCell([]), resultsCell([]),
                    ]
                }
                if downstream[control] == nil {
                    downstream[control] = [
                        Cell([Fragment(text: control, href: linker.href(ofRecord: control))]),
                        refCell(row.requirements, gapWhenEmpty: true, empty: "no requirement"),
                        refCell(row.tests, gapWhenEmpty: true, empty: "no test"),
                        resultsCell(row.tests.compactMap(project.record)),
                    ]
                }
                return leading + downstream[control]!
            }, empty: "No threats to trace.")
    }

    // MARK: 2 to 7

    private func metricTable() -> TableView {
        let metrics = records("metric")
        var rows: [[Cell]] = Guidance.metrics.map { metric in
            let matching = metrics.filter { Guidance.metric(named: text($0, "Metric")) == metric.id }
            return [
                Cell(text: "\(metric.id): \(metric.title)"), refCell(matching.map(\.id), gapWhenEmpty: true, empty: "not reported"),
                Cell(text: matching.map { text($0, "Value") }.joined(separator: "; ")),
                Cell(text: matching.map { text($0, "Period") }.joined(separator: "; ")),
            ]
        }
        for metric in metrics where Guidance.metric(named: text(metric, "Metric")) == nil {
            rows.append([Cell(text: text(metric, "Metric")), idCell(metric), cell(metric, "Value"), cell(metric, "Period")])
        }
        return TableView("Lifecycle metrics (V.A.6)", columns: ["Metric", "Records", "Value", "Period"], rows: rows)
    }

    private func controlTables() -> [TableView] {
        Guidance.controlCategories.values.map { category in
            let controls = records("control").filter { $0.value("Category") == .choice(category) }
            return TableView(
                "Controls: \(category)", columns: ["Control", "Title", "Requirements", "Tests"],
                rows: controls.map { control in
                    let requirements = analysis.requirements(of: control)
                    let tests = analysis.tests(ofControl: control)
                    return [
                        idCell(control), Cell(text: control.title), refCell(requirements),
                        refCell(tests, gapWhenEmpty: requirements.isEmpty, empty: "none"),
                    ]
                }, empty: "No control in this category.")
        }
    }

    private func requirementTable() -> TableView {
        TableView(
            "Security requirements", columns: ["Requirement", "Title", "Controls", "Verified by", "Results"],
            rows: records("requirement").map { requirement in
                let controls = analysis.relations.linked(requirement, "Controls", kind: "control", inverseField: "Requirements")
                let tests = analysis.tests(of: requirement).compactMap(project.record)
                return [
                    idCell(requirement), Cell(text: requirement.title), refCell(controls),
                    refCell(tests.map(\.id), gapWhenEmpty: true, empty: "no test"), resultsCell(tests),
                ]
            }, empty: "No REQ records.")
    }

    private func viewTable() -> TableView {
        let explained = project.pages(inSection: "V.B.2")
        return TableView(
            "Architecture views (Appendix 2)", columns: ["View type", "Views"],
            rows: Guidance.viewTypes.map { type in
                let views = records("view").filter { $0.value("View") == .choice(type) }.map(\.id)
                if !views.isEmpty { return [Cell(text: type), refCell(views)] }
                let reason = explained.first { page in
                    page.narrative.map { $0.plainText() }.joined(separator: " ").lowercased().contains(type.lowercased())
                }
                if let reason {
                    return [
                        Cell(text: type),
                        Cell([Fragment(text: "omitted, explained in: \(reason.title)", href: linker.href(ofSection: "3.2"))]),
                    ]
                }
                return [Cell(text: type), Cell(text: "missing", gap: true)]
            })
    }

    private func testTable() -> TableView {
        var rows: [[Cell]] = []
        var byType: [String: [Record]] = [:]
        for test in records("test") {
            if case .choice(let type) = test.value("Type") { byType[type, default: []].append(test) }
        }
        for type in KindCatalog.testTypes.values {
            let tests = byType[type] ?? []
            if tests.isEmpty { rows.append([Cell(text: type), Cell(text: "no test", gap: true), Cell(text: ""), Cell(text: ""), Cell(text: "")]) }
            for test in tests {
                rows.append([
                    Cell(text: type), idCell(test), cell(test, "Verifies"), resultCell(test),
                    Cell(text: [text(test, "Date"), text(test, "Performed by")].filter { !$0.isEmpty }.joined(separator: ", ")),
                ])
            }
        }
        return TableView("Tests by type (V.C)", columns: ["Type", "Test", "Verifies", "Result", "Date and tester"], rows: rows)
    }

    private func findingTable() -> TableView {
        TableView(
            "Test findings and their disposition", columns: ["Finding", "Title", "Test", "Severity", "Status", "Resolved by"],
            rows: records("finding").map { finding in
                [
                    idCell(finding), Cell(text: finding.title), cell(finding, "Test"), cell(finding, "Severity"),
                    Cell(text: text(finding, "Status"), gap: finding.value("Status") == .choice("Open")),
                    cell(finding, "Resolved by"),
                ]
            }, empty: "No FIND records.")
    }

    private func labelingTable() -> TableView {
        let statements = records("labeling")
        return TableView(
            "Labeling checklist (VI.A)", columns: ["Item", "Recommendation", "Statements", "Location"],
            rows: Guidance.labelingItems.map { item in
                let addressing = statements.filter { record in
                    if case .items(let items) = record.value("Addresses") { return items.contains(item.id) }
                    return false
                }
                return [
                    Cell(text: item.id), Cell(text: item.title),
                    refCell(addressing.map(\.id), gapWhenEmpty: true, empty: "not addressed"),
                    Cell(text: addressing.map { text($0, "Location") }.filter { !$0.isEmpty }.joined(separator: "; ")),
                ]
            })
    }

    private func planElements(_ id: String) -> [Record] {
        records("plan").filter { $0.value("Element") == .items([id]) }
    }

    private func planTable() -> TableView {
        TableView(
            "Cybersecurity management plan checklist (VI.B)", columns: ["Element", "Title", "Records", "Timeline"],
            rows: Guidance.planElements.map { element in
                let plans = planElements(element.id)
                let timeline = plans.flatMap { plan in
                    [("", "Timeline"), ("regular cycle: ", "Regular cycle"), ("out of cycle: ", "Out of cycle")]
                        .compactMap { label, field in text(plan, field).isEmpty ? nil : label + text(plan, field) }
                }
                return [
                    Cell(text: element.id), Cell(text: element.title),
                    refCell(plans.map(\.id), gapWhenEmpty: true, empty: "not addressed"),
                    Cell(text: timeline.joined(separator: "; ")),
                ]
            })
    }

    private func cyberDeviceTable() -> TableView {
        let patch = planElements("P5")
        let regular = patch.map { text($0, "Regular cycle") }.filter { !$0.isEmpty }.joined(separator: "; ")
        let outOfCycle = patch.map { text($0, "Out of cycle") }.filter { !$0.isEmpty }.joined(separator: "; ")
        let plans = records("plan").map(\.id)
        return TableView(
            "Section 524B(b) items and where this package answers them", columns: ["Item", "Requirement", "Where"],
            rows: [
                [
                    Cell(text: "(b)(1)"),
                    Cell(text: "A plan to monitor, identify and address postmarket cybersecurity vulnerabilities and exploits, including coordinated vulnerability disclosure"),
                    Cell([Fragment(text: "6. Cybersecurity Management Plan", href: linker.href(ofSection: "6"))], gap: plans.isEmpty),
                ],
                [
                    Cell(text: "(b)(2)"),
                    Cell(text: "Processes providing reasonable assurance of cybersecurity, with updates and patches on a regular cycle and out of cycle for critical vulnerabilities"),
                    Cell(
                        [Fragment(text: "P5 patch timeline", href: linker.href(ofSection: "6"))]
                            + (regular.isEmpty ? [] : [Fragment(text: "regular cycle: \(regular)", separator: "; ")])
                            + (outOfCycle.isEmpty ? [] : [Fragment(text: "out of cycle: \(outOfCycle)", separator: "; ")]),
                        gap: regular.isEmpty || outOfCycle.isEmpty),
                ],
                [
                    Cell(text: "(b)(3)"),
                    Cell(text: "A software bill of materials, including commercial, open-source and off-the-shelf components"),
                    Cell(
                        [Fragment(text: "1.4 Software Bill of Materials", href: linker.href(ofSection: "1.4"))],
                        gap: analysis.inventory.components.isEmpty),
                ],
            ])
    }
}
