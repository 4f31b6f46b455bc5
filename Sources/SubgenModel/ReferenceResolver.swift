import SubgenCore

/// Resolves every reference of every record and page in one pass: unresolved IDs and wrong kinds are
/// reported with their exact positions; resolved ones become backlinks on their targets.
struct ReferenceResolver {
    let records: [Record]
    let index: [String: Int]

    func resolve(pages: [Page], log: inout DiagnosticLog) -> [String: [Backlink]] {
        var backlinks: [String: [Backlink]] = [:]
        let sources = records.map { ($0.id, $0.references) } + pages.map { ($0.file, $0.references) }
        for (source, references) in sources {
            for reference in references where reference.external == nil {
                guard let targetIndex = index[reference.target] else {
                    log.error("unresolved-reference", unresolvedMessage(reference.target), at: reference.location)
                    continue
                }
                let target = records[targetIndex]
                if !reference.expectedKinds.isEmpty && !reference.expectedKinds.contains(target.kind) {
                    let context: String
                    if case .field(let name) = reference.context { context = "'\(name)'" } else { context = "this place" }
                    log.error(
                        "wrong-reference-kind",
                        "\(reference.target) is \(KindCatalog.kind(named: target.kind)?.withArticle ?? target.kind); "
                            + "\(context) takes \(FieldValidator.describe(reference.expectedKinds)) IDs",
                        at: reference.location)
                    continue
                }
                backlinks[reference.target, default: []].append(
                    Backlink(source: source, context: reference.context, location: reference.location))
            }
        }
        return backlinks.mapValues { $0.sorted() }
    }

    /// `no record with ID 'CTRL-099'`, with the nearest IDs of the same prefix as suggestions.
    private func unresolvedMessage(_ target: String) -> String {
        var message = "no record with ID '\(target)'"
        guard let prefix = RecordID.parse(target)?.prefix else { return message }
        var scored: [(id: String, distance: Int)] = []
        for id in index.keys where id.hasPrefix(prefix + "-") {
            let distance = Self.distance(id, target)
            if distance <= 2 { scored.append((id, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
        let candidates = scored.prefix(3).map(\.id)
        if !candidates.isEmpty {
            message += "; did you mean " + candidates.map { "'\($0)'" }.joined(separator: " or ") + "?"
        }
        return message
    }

    /// Levenshtein distance over UTF-8 bytes (IDs are ASCII).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
