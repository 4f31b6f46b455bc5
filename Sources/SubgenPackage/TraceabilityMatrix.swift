import SubgenModel

/// The threat -> risk -> control -> requirement -> test -> result chain, one row per threat and control.
public struct TraceabilityMatrix: Sendable {
    /// One threat and one of its controls, with everything downstream; empty lists are gaps.
    public struct Row: Hashable, Sendable {
        public var threat: String
        public var risks: [String]
        /// Nil when the threat has no control (a gap).
        public var control: String?
        public var requirements: [String]
        /// Tests of the requirements, or of the control directly.
        public var tests: [String]
    }

    public var rows: [Row]

    public init(_ analysis: PackageAnalysis) {
        let relations = analysis.relations
        let project = analysis.project
        var rows: [Row] = []
        var downstream: [String: (requirements: [String], tests: [String])] = [:]
        for threat in project.records(ofKind: "threat") {
            let risks = relations.referrers(of: threat.id, kind: "risk", field: "Threats")
            var controls = relations.refs(threat, "Mitigated by")
            for risk in risks.compactMap(project.record) {
                for control in relations.refs(risk, "Controls") where !controls.contains(control) {
                    controls.append(control)
                }
            }
            controls = controls.filter { project.kind(of: $0) == "control" }
            if controls.isEmpty {
                rows.append(Row(threat: threat.id, risks: risks, control: nil, requirements: [], tests: []))
            }
            for control in controls.compactMap(project.record) {
                // A control mitigating several threats has the same chain in each of their rows.
                if downstream[control.id] == nil {
                    downstream[control.id] = (analysis.requirements(of: control), analysis.tests(ofControl: control))
                }
                let (requirements, tests) = downstream[control.id]!
                rows.append(Row(threat: threat.id, risks: risks, control: control.id, requirements: requirements, tests: tests))
            }
        }
        self.rows = rows
    }
}
