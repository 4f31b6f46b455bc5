import Foundation

/// Finds lines in a JSON evidence file by the values that identify things in it: a component's `bom-ref`
/// or `SPDXID`, a vulnerability's `id` (CycloneDX) or `name`/`vulnerability` (OpenVEX). A plain text search
/// over the file, made once, so diagnostics about a component or a VEX statement point at it. The JSON
/// path is given in the message either way, so a miss only costs precision.
struct JSONLocator: Sendable {
    /// Ref value -> lines where `"bom-ref": "value"` or `"SPDXID": "value"` appears, in order.
    private var refs: [String: [Int]] = [:]
    /// Value -> lines where `"id"`, `"name"` or `"vulnerability"` has that value, in order.
    private var names: [String: [Int]] = [:]

    init() {}

    init(_ data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return }
        let pattern = #""(bom-ref|SPDXID|id|name|vulnerability)"\s*:\s*"((?:[^"\\]|\\.)*)""#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return }
        var line = 1
        let utf16 = text.utf16
        var scanned = utf16.startIndex
        for match in expression.matches(in: text, range: NSRange(location: 0, length: utf16.count)) {
            guard let keyRange = Range(match.range(at: 1), in: text), let valueRange = Range(match.range(at: 2), in: text)
            else { continue }
            let start = valueRange.lowerBound.samePosition(in: utf16) ?? scanned
            line += utf16[scanned..<start].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            scanned = start
            let value = String(text[valueRange])
            switch text[keyRange] {
            case "bom-ref", "SPDXID": refs[value, default: []].append(line)
            default: names[value, default: []].append(line)
            }
        }
    }

    /// The line of the `occurrence`-th (0-based) appearance of `ref` as a ref value, if found.
    func line(ofRef ref: String, occurrence: Int = 0) -> Int? {
        guard let found = refs[ref], occurrence < found.count else { return nil }
        return found[occurrence]
    }

    /// The line of the `occurrence`-th (0-based) appearance of a vulnerability id as an `id`, `name` or
    /// `vulnerability` value, if found.
    func line(ofVulnerability id: String, occurrence: Int = 0) -> Int? {
        guard let found = names[id], occurrence < found.count else { return nil }
        return found[occurrence]
    }
}
