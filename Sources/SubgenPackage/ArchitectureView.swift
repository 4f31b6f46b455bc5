import SubgenModel

/// A VIEW record's elements and flows, with what the checks and the diagram need to know about them.
public struct ArchitectureView: Sendable {
    public let record: Record
    public let elements: [ViewElement]
    public let flows: [ViewFlow]
    private let zones: [String: String]

    public init(_ record: Record) {
        self.record = record
        if case .elements(let elements) = record.value("Elements") { self.elements = elements } else { elements = [] }
        if case .flows(let flows) = record.value("Flows") { self.flows = flows } else { flows = [] }
        var zones: [String: String] = [:]
        for element in elements { if let zone = element.zone { zones[element.name] = zone } }
        self.zones = zones
    }

    /// Every VIEW record of the project, in project order.
    public static func all(in project: Project) -> [ArchitectureView] {
        project.records(ofKind: "view").map(ArchitectureView.init)
    }

    public func zone(of element: String) -> String? { zones[element] }

    /// Both ends are in known, different trust domains.
    public func crossesBoundary(_ flow: ViewFlow) -> Bool {
        guard let from = zones[flow.from], let to = zones[flow.to] else { return false }
        return from != to
    }

    /// What a flow across a trust boundary does not state: `authentication`, `encryption`, or both.
    public func missingProtection(_ flow: ViewFlow) -> [String] {
        guard crossesBoundary(flow) else { return [] }
        var missing: [String] = []
        if (flow.authentication ?? "").isEmpty { missing.append("authentication") }
        if (flow.encryption ?? "").isEmpty { missing.append("encryption") }
        return missing
    }
}
