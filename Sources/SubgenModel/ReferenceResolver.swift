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
            let suggestions = Suggestions(index: index, targets: unresolved)
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
                        "\(DiagnosticText.short(reference.target)) is \(KindCatalog.kind(named: targetKind)?.withArticle ?? targetKind); "
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
    ///
    /// Looking for near IDs compares the unresolved ID with every ID of its prefix and about its length, so many
    /// distinct unresolved IDs in a large project would take time in proportion to their product (100,000 broken
    /// references against 1,000 records are 10^8 comparisons). The comparisons of one load are therefore limited,
    /// as compilers limit their typo corrections: IDs are served in report order while the budget lasts, and the
    /// rest are reported without suggestions.
    struct Suggestions: Sendable {
        /// The most comparisons made for one load's suggestions (about 0.1 s in a release build).
        static let comparisonBudget = 1_000_000

        /// Record IDs by prefix, then by length in bytes. Record IDs are ASCII, so `id.hasPrefix(prefix + "-")`
        /// means the ID's own prefix is `prefix`.
        private let idsByPrefix: [String: [Int: [String]]]
        /// The unresolved IDs that get suggestions; nil when every one does.
        private let served: Set<String>?

        /// Suggestions for any ID, without a budget (for a few IDs).
        init(index: [String: Int]) {
            idsByPrefix = Self.group(index)
            served = nil
        }

        /// Suggestions for `targets`, in that order, while the comparison budget lasts.
        init(index: [String: Int], targets: [String]) {
            let groups = Self.group(index)
            var served: Set<String> = []
            var spent = 0
            for target in targets {
                guard let prefix = RecordID.parse(target)?.prefix, let lengths = groups[prefix] else { continue }
                let length = target.utf8.count
                let cost = (length - 2...length + 2).reduce(0) { $0 + (lengths[$1]?.count ?? 0) }
                guard spent + cost <= Self.comparisonBudget else { break }
                spent += cost
                served.insert(target)
            }
            idsByPrefix = groups
            self.served = served
        }

        private static func group(_ index: [String: Int]) -> [String: [Int: [String]]] {
            var groups: [String: [Int: [String]]] = [:]
            for id in index.keys {
                if let own = RecordID.parse(id)?.prefix { groups[own, default: [:]][id.utf8.count, default: []].append(id) }
            }
            return groups
        }

        /// `no record with ID 'CTRL-099'`, with up to three IDs of the same prefix at most two edits away
        /// (nearest first, then in string order).
        func unresolvedMessage(_ target: String) -> String {
            var message = "no record with ID \(DiagnosticText.quote(target))"
            guard served?.contains(target) ?? true, let prefix = RecordID.parse(target)?.prefix,
                let lengths = idsByPrefix[prefix]
            else { return message }
            var scored: [(id: String, distance: Int)] = []
            let length = target.utf8.count
            // Only IDs at most two bytes longer or shorter can be at most two edits away.
            for near in length - 2...length + 2 {
                for id in lengths[near] ?? [] {
                    if let distance = ReferenceResolver.distance(id, target, atMost: 2) { scored.append((id, distance)) }
                }
            }
            scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
            let candidates = scored.prefix(3).map(\.id)
            if !candidates.isEmpty {
                message += "; did you mean " + candidates.map { "'\($0)'" }.joined(separator: " or ") + "?"
            }
            return message
        }
    }

    /// `distance(a, b)` when it is at most `limit`, else nil. A common prefix and suffix never change the distance;
    /// past them the first bytes differ, so the first edit is there: a substitution, a deletion or an insertion,
    /// each tried with one edit less. That is at most 3^limit short scans, with no table and no allocation, which
    /// matters when thousands of unresolved IDs are each compared with thousands of records.
    static func distance(_ a: String, _ b: String, atMost limit: Int) -> Int? {
        guard abs(a.utf8.count - b.utf8.count) <= limit else { return nil }
        var a = a
        var b = b
        return a.withUTF8 { first in
            b.withUTF8 { second in
                boundedDistance(first.baseAddress, first.count, second.baseAddress, second.count, limit)
            }
        }
    }

    private static func boundedDistance(
        _ a: UnsafePointer<UInt8>?, _ aCount: Int, _ b: UnsafePointer<UInt8>?, _ bCount: Int, _ limit: Int
    ) -> Int? {
        guard abs(aCount - bCount) <= limit else { return nil }
        guard let a, let b, aCount > 0, bCount > 0 else { return max(aCount, bCount) }
        var start = 0
        var aEnd = aCount
        var bEnd = bCount
        while start < aEnd && start < bEnd && a[start] == b[start] { start += 1 }
        while aEnd > start && bEnd > start && a[aEnd - 1] == b[bEnd - 1] {
            aEnd -= 1
            bEnd -= 1
        }
        let aRest = aEnd - start
        let bRest = bEnd - start
        if aRest == 0 || bRest == 0 { return max(aRest, bRest) }
        guard limit > 0 else { return nil }
        let aTail = a + start + 1
        let bTail = b + start + 1
        let substitution = boundedDistance(aTail, aRest - 1, bTail, bRest - 1, limit - 1) ?? Int.max - 1
        let deletion = boundedDistance(aTail, aRest - 1, b + start, bRest, limit - 1) ?? Int.max - 1
        let insertion = boundedDistance(a + start, aRest, bTail, bRest - 1, limit - 1) ?? Int.max - 1
        let best = min(substitution, deletion, insertion)
        return best == Int.max - 1 ? nil : best + 1
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
