import Foundation

/// Finds the line of a component in a JSON file by its `bom-ref` or `SPDXID` value, so diagnostics about a
/// component point at it. A plain text search over the file, made once; a JSON path is given in the message
/// either way, so a miss only costs precision.
struct JSONLocator: Sendable {
    /// Ref value -> lines where `"bom-ref": "value"` or `"SPDXID": "value"` appears, in order.
    private var lines: [String: [Int]] = [:]

    init() {}

    init(_ data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return }
        let pattern = #""(?:bom-ref|SPDXID)"\s*:\s*"((?:[^"\\]|\\.)*)""#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return }
        var line = 1
        var scanned = text.utf16.startIndex
        let utf16 = text.utf16
        var found: [String: [Int]] = [:]
        for match in expression.matches(in: text, range: NSRange(location: 0, length: utf16.count)) {
            guard let range = Range(match.range(at: 1), in: text) else { continue }
            let start = range.lowerBound.samePosition(in: utf16) ?? scanned
            line += utf16[scanned..<start].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            scanned = start
            found[String(text[range]), default: []].append(line)
        }
        lines = found
    }

    /// The line of the `occurrence`-th (0-based) appearance of `ref` as a ref value, if found.
    func line(ofRef ref: String, occurrence: Int = 0) -> Int? {
        guard let found = lines[ref], occurrence < found.count else { return nil }
        return found[occurrence]
    }
}
