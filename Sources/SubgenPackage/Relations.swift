import SubgenModel

/// Typed, resolved links between records, both directions, built once per project.
public struct Relations: Sendable {
    public let project: Project
    /// Target ID -> (referring record ID, normalised field name), in project order.
    private let incoming: [String: [(source: String, field: String)]]

    public init(_ project: Project) {
        self.project = project
        var incoming: [String: [(source: String, field: String)]] = [:]
        incoming.reserveCapacity(project.records.count)
        for record in project.records {
            for field in record.fields {
                for id in Self.ids(field.parsed) where project.index[id] != nil {
                    incoming[id, default: []].append((record.id, field.key))
                }
            }
        }
        self.incoming = incoming
    }

    /// The record IDs `record` names in `field` that resolve to records, in written order.
    public func refs(_ record: Record, _ field: String) -> [String] {
        Self.ids(record.value(field)).filter { project.index[$0] != nil }
    }

    /// IDs of the records of `kind` that name `id` in their field `field`, in project order.
    public func referrers(of id: String, kind: String, field: String) -> [String] {
        let key = FieldSpec.normalize(field)
        var result: [String] = []
        // Each referrer once: a linear check while the list is short, a set beyond.
        var seen: Set<String>?
        for link in incoming[id] ?? [] where link.field == key && project.kind(of: link.source) == kind {
            if seen == nil && result.count >= 16 { seen = Set(result) }
            if seen != nil {
                if seen!.insert(link.source).inserted { result.append(link.source) }
            } else if !result.contains(link.source) {
                result.append(link.source)
            }
        }
        return result
    }

    /// The records linked to `record` either way: those it names in `field`, then those of `kind` naming it
    /// in `inverseField` (e.g. a requirement's tests: its `Verified by`, and tests whose `Verifies` name it).
    public func linked(_ record: Record, _ field: String?, kind: String, inverseField: String) -> [String] {
        var result = field.map { refs(record, $0) } ?? []
        let inverse = referrers(of: record.id, kind: kind, field: inverseField)
        // Each inverse referrer once, after the written ones: a set when the lists are long.
        if result.count * inverse.count > 256 {
            var present = Set(result)
            for id in inverse where present.insert(id).inserted { result.append(id) }
        } else {
            for id in inverse where !result.contains(id) { result.append(id) }
        }
        return result.filter { project.kind(of: $0) == kind }
    }

    private static func ids(_ value: FieldValue?) -> [String] {
        if case .references(let ids, _) = value { return ids }
        return []
    }
}
