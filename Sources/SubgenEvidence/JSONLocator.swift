import Foundation

/// Finds lines in a JSON evidence file by the values that identify things in it: a component's `bom-ref`
/// or `SPDXID`, a vulnerability's `id` (CycloneDX) or `name`/`vulnerability` (OpenVEX). A plain text search
/// over the file, made once, so diagnostics about a component or a VEX statement point at it. The JSON
/// path is given in the message either way, so a miss only costs precision.
///
/// The search is one pass over the bytes that finds what the regular expression
/// `"(bom-ref|SPDXID|id|name|vulnerability)"\s*:\s*"((?:[^"\\]|\\.)*)"` finds, leftmost first and without
/// overlaps (`\s` being ICU's: the Unicode White_Space characters; `.` any character but a line terminator). Values are kept as written, escapes and all.
struct JSONLocator: Sendable {
    /// Ref value -> lines where `"bom-ref": "value"` or `"SPDXID": "value"` appears, in order.
    private(set) var refs: [String: [Int]] = [:]
    /// Value -> lines where `"id"`, `"name"` or `"vulnerability"` has that value, in order.
    private(set) var names: [String: [Int]] = [:]

    init() {}

    /// Indexes `data`; a file that is not UTF-8 gives an empty locator.
    init(_ data: Data) {
        guard var text = String(validating: data, as: UTF8.self) else { return }
        text.withUTF8 { scan($0) }
    }

    /// The keys whose values are recorded, and whether each names a ref (else a vulnerability).
    private static let keys: [(name: [UInt8], isRef: Bool)] = [
        (Array("bom-ref".utf8), true), (Array("SPDXID".utf8), true), (Array("id".utf8), false),
        (Array("name".utf8), false), (Array("vulnerability".utf8), false),
    ]

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        let quote = UInt8(ascii: "\"")
        var line = 1
        var counted = 0
        var position = 0
        let end = bytes.count
        while position < end {
            guard bytes[position] == quote, let match = Self.match(bytes, at: position) else {
                position += 1
                continue
            }
            for index in counted..<match.value.lowerBound where bytes[index] == 0x0A { line += 1 }
            counted = match.value.lowerBound
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[match.value]), as: UTF8.self)
            if match.isRef {
                refs[value, default: []].append(line)
            } else {
                names[value, default: []].append(line)
            }
            position = match.value.upperBound + 1
        }
    }

    /// The key-value pair starting at the quote at `start`: whether its key names a ref, and the value's
    /// byte range (without its quotes).
    private static func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (isRef: Bool, value: Range<Int>)? {
        let quote = UInt8(ascii: "\"")
        var position = start + 1
        // Most strings are no key of interest: those start with none of the keys' first letters.
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "b"), UInt8(ascii: "S"), UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "v"): break
        default: return nil
        }
        guard let key = keys.first(where: { key in
            let after = position + key.name.count
            return after < bytes.count && bytes[after] == quote
                && UnsafeBufferPointer(rebasing: bytes[position..<after]).elementsEqual(key.name)
        }) else { return nil }
        position += key.name.count + 1
        position = skipSpace(bytes, from: position)
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
        position = skipSpace(bytes, from: position + 1)
        guard position < bytes.count, bytes[position] == quote else { return nil }
        let valueStart = position + 1
        position = valueStart
        while position < bytes.count {
            switch bytes[position] {
            case quote:
                return (key.isRef, valueStart..<position)
            case UInt8(ascii: "\\"):
                // `\\.`: the escaped character may be anything but a line terminator.
                guard position + 1 < bytes.count, let length = scalarLength(bytes, at: position + 1),
                    !isLineTerminator(bytes, at: position + 1)
                else { return nil }
                position += 1 + length
            default:
                position += 1
            }
        }
        return nil
    }

    /// After ICU's `\s*`: characters with the Unicode White_Space property (tab to carriage return, space,
    /// next line, no-break space, the Unicode spaces and separators).
    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                position += 1
            } else if byte >= 0x80, let (scalar, length) = scalar(bytes, at: position), scalar.properties.isWhitespace {
                position += length
            } else {
                break
            }
        }
        return position
    }

    /// ICU's line terminators: LF, VT, FF, CR, NEL, LS, PS.
    private static func isLineTerminator(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let byte = bytes[position]
        if byte >= 0x0A && byte <= 0x0D { return true }
        guard byte >= 0x80, let (scalar, _) = scalar(bytes, at: position) else { return false }
        return scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// The byte length of the (valid) UTF-8 scalar starting at `position`.
    private static func scalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Int? {
        let byte = bytes[position]
        let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        return position + length <= bytes.count ? length : nil
    }

    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (Unicode.Scalar, Int)? {
        guard let length = scalarLength(bytes, at: position) else { return nil }
        var decoder = UTF8()
        var iterator = bytes[position..<position + length].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, length)
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
