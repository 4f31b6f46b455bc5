import SubgenCore

/// Resolves every reference of every record and page in one pass: unresolved IDs and wrong kinds are
/// reported with their exact positions; resolved ones become backlinks on their targets.
struct ReferenceResolver {
    let records: [Record]
    let index: [String: Int]

    func resolve(pages: [Page], log: inout DiagnosticLog) -> [String: [Backlink]] {
        let sources = records.map { ($0.id, $0.references) } + pages.map { ($0.file, $0.references) }
        // Runs of sources are resolved at the same time on large projects; their outcomes are taken in order.
        let runs = sources.count >= 4000 ? 8 : 1
        let size = (sources.count + runs - 1) / runs
        let starts = Array(stride(from: 0, to: sources.count, by: max(size, 1)))
        let resolve = { @Sendable (start: Int) in self.resolve(sources[start..<min(start + size, sources.count)]) }
        let outcomes = runs > 1 ? starts.concurrentMap(resolve) : starts.map(resolve)

        // The messages for unresolved IDs search for near IDs: once per distinct ID, on every core.
        var unresolved: [String] = []
        var seen: Set<String> = []
        for outcome in outcomes {
            for case (let reference, .unresolved) in outcome.problems where seen.insert(reference.target).inserted {
                unresolved.append(reference.target)
            }
        }
        var messages: [String: String] = [:]
        if !unresolved.isEmpty {
            let suggestions = Suggestions(index: index)
            let found = unresolved.count >= 64 ? unresolved.concurrentMap(suggestions.unresolvedMessage)
                : unresolved.map(suggestions.unresolvedMessage)
            messages = Dictionary(uniqueKeysWithValues: zip(unresolved, found))
        }
        for outcome in outcomes {
            for (reference, problem) in outcome.problems {
                switch problem {
                case .unresolved:
                    log.error("unresolved-reference", messages[reference.target] ?? "", at: reference.location)
                case .wrongKind(let targetKind):
                    let context: String
                    if case .field(let name) = reference.context { context = "'\(name)'" } else { context = "this place" }
                    log.error(
                        "wrong-reference-kind",
                        "\(reference.target) is \(KindCatalog.kind(named: targetKind)?.withArticle ?? targetKind); "
                            + "\(context) takes \(FieldValidator.describe(reference.expectedKinds)) IDs",
                        at: reference.location)
                }
            }
        }

        // Backlinks by target position in `records` (IDs map to one position each), made a dictionary at the end.
        var counts = [Int](repeating: 0, count: records.count)
        for outcome in outcomes {
            for (target, _) in outcome.links { counts[target] += 1 }
        }
        var links = counts.map { count -> [Backlink] in
            var list: [Backlink] = []
            list.reserveCapacity(count)
            return list
        }
        for outcome in outcomes {
            for (target, link) in outcome.links { links[target].append(link) }
        }
        var backlinks: [String: [Backlink]] = [:]
        backlinks.reserveCapacity(links.count { !$0.isEmpty })
        for (position, found) in links.enumerated() where !found.isEmpty {
            // Backlinks come in source order already, except where pages refer: sort only lists that need it.
            let inOrder = !zip(found, found.dropFirst()).contains(where: { $1 < $0 })
            backlinks[records[position].id] = inOrder ? found : found.sorted()
        }
        return backlinks
    }

    enum Problem: Sendable {
        case unresolved
        case wrongKind(String)
    }

    /// What the references of some sources come to: problems and backlinks (by target position), in order.
    struct Outcome: Sendable {
        var problems: [(Reference, Problem)] = []
        var links: [(Int, Backlink)] = []
    }

    private func resolve(_ sources: ArraySlice<(String, [Reference])>) -> Outcome {
        var outcome = Outcome()
        outcome.links.reserveCapacity(sources.reduce(0) { $0 + $1.1.count })
        for (source, references) in sources {
            for reference in references where reference.external == nil {
                guard let targetIndex = index[reference.target] else {
                    outcome.problems.append((reference, .unresolved))
                    continue
                }
                let targetKind = records[targetIndex].kind
                if !reference.expectedKinds.isEmpty && !reference.expectedKinds.contains(targetKind) {
                    outcome.problems.append((reference, .wrongKind(targetKind)))
                    continue
                }
                outcome.links.append(
                    (targetIndex, Backlink(source: source, context: reference.context, location: reference.location)))
            }
        }
        return outcome
    }

    /// Messages for unresolved IDs, with the nearest IDs of the same prefix as suggestions.
    struct Suggestions: Sendable {
        /// Record IDs by prefix. Record IDs are ASCII, so `id.hasPrefix(prefix + "-")` means the ID's own prefix
        /// is `prefix`.
        private let idsByPrefix: [String: [String]]

        init(index: [String: Int]) {
            var groups: [String: [String]] = [:]
            for id in index.keys { if let own = RecordID.parse(id)?.prefix { groups[own, default: []].append(id) } }
            idsByPrefix = groups
        }

        /// `no record with ID 'CTRL-099'`, with up to three IDs of the same prefix at most two edits away
        /// (nearest first, then in string order).
        func unresolvedMessage(_ target: String) -> String {
            var message = "no record with ID '\(target)'"
            guard let prefix = RecordID.parse(target)?.prefix else { return message }
            var scored: [(id: String, distance: Int)] = []
            for id in idsByPrefix[prefix] ?? [] {
                if let distance = ReferenceResolver.distance(id, target, atMost: 2) { scored.append((id, distance)) }
            }
            scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
            let candidates = scored.prefix(3).map(\.id)
            if !candidates.isEmpty {
                message += "; did you mean " + candidates.map { "'\($0)'" }.joined(separator: " or ") + "?"
            }
            return message
        }
    }

    /// `distance(a, b)` when it is at most `limit`, else nil; only the diagonal band the limit allows is
    /// computed, which gives the exact distance whenever it is within the limit.
    static func distance(_ a: String, _ b: String, atMost limit: Int) -> Int? {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = limit + 1
        // Rows of the full table, cells outside the band held at `limit + 1` (which is all they matter as).
        var previous = (0...b.count).map { min($0, outside) }
        var current = [Int](repeating: outside, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            current[0] = min(i, outside)
            if low > 1 { current[low - 1] = outside }
            var best = current[0]
            for j in low...high {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(min(previous[j] + 1, current[j - 1] + 1), min(substitution, outside))
                best = min(best, current[j])
            }
            if high < b.count { current[high + 1] = outside }
            if best > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
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
