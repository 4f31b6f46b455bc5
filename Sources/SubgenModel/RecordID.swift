import Foundation

/// The syntax of record IDs (`PREFIX-REST`) and of the well-known external identifiers.
public enum RecordID {
    /// A record ID found at the start of, or inside, some text.
    public struct Match: Hashable, Sendable {
        public var id: String
        public var prefix: String
        /// UTF-8 byte offset of the ID in the scanned text.
        public var offset: Int
    }

    /// `PREFIX-REST`: PREFIX is 2 to 10 capital letters or digits starting with a letter; REST is letters,
    /// digits, `.` and `-`, starting and ending with a letter or digit. Returns nil if `text` is not exactly an ID.
    public static func parse(_ text: some StringProtocol) -> Match? {
        withBytes(text) { bytes in
            guard let length = idLength(bytes, at: 0), length == bytes.count else { return nil }
            return match(bytes, at: 0, length: length)
        }
    }

    /// The ID at the very start of `text`, if any (used for record headings).
    public static func leading(_ text: some StringProtocol) -> Match? {
        withBytes(text) { bytes in
            guard let length = idLength(bytes, at: 0) else { return nil }
            return match(bytes, at: 0, length: length)
        }
    }

    /// Every ID in `text` that stands as a word (not glued to other letters or digits), in order.
    public static func all(in text: some StringProtocol) -> [Match] {
        withBytes(text) { bytes in
            var result: [Match] = []
            var index = 0
            while index < bytes.count {
                if isUpper(bytes[index]), index == 0 || !isWordByte(bytes[index - 1]),
                    let length = idLength(bytes, at: index),
                    index + length == bytes.count || !isWordByte(bytes[index + length])
                {
                    result.append(match(bytes, at: index, length: length))
                    index += length
                } else {
                    index += 1
                }
            }
            return result
        }
    }

    /// Every `[ID]` in `text` (an ID alone in square brackets), in order; offsets point at the ID.
    public static func bracketed(in text: some StringProtocol) -> [Match] {
        withBytes(text) { bytes in
            var result: [Match] = []
            var index = 0
            while index < bytes.count {
                // Straight to the next `[`.
                guard let open = nextIndex(of: UInt8(ascii: "["), in: bytes, from: index) else { break }
                index = open
                if let length = idLength(bytes, at: index + 1),
                    index + 1 + length < bytes.count, bytes[index + 1 + length] == UInt8(ascii: "]")
                {
                    result.append(match(bytes, at: index + 1, length: length))
                    index += length + 2
                } else {
                    index += 1
                }
            }
            return result
        }
    }

    /// `body` over the UTF-8 bytes of `text`, in place when the text is stored contiguously (native strings).
    static func withBytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The index of the next `byte` at or after `start`, found with memchr: narrative text can be megabytes long,
    /// and this runs at memory speed whatever the build configuration.
    static func nextIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
            let hit = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `id` is a CVE, CWE or CAPEC identifier, which subgen links to its public page.
    public static func isExternal(_ id: String) -> Bool {
        ExternalID(id) != nil
    }

    private static func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> Match {
        let id = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + length]), as: UTF8.self)
        let dash = bytes[start..<start + length].firstIndex(of: UInt8(ascii: "-"))!
        return Match(
            id: id, prefix: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<dash]), as: UTF8.self),
            offset: start)
    }

    /// Length of the ID starting at `start`, or nil. The ID must not be followed by a letter or digit.
    private static func idLength(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var index = start
        guard index < bytes.count, isUpper(bytes[index]) else { return nil }
        while index < bytes.count, isUpper(bytes[index]) || isDigit(bytes[index]) { index += 1 }
        let prefixLength = index - start
        guard (2...10).contains(prefixLength), index < bytes.count, bytes[index] == UInt8(ascii: "-") else {
            return nil
        }
        index += 1
        let restStart = index
        var lastAlphanumeric = -1
        while index < bytes.count {
            let byte = bytes[index]
            if isAlphanumeric(byte) {
                lastAlphanumeric = index
            } else if byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") {
                break
            }
            index += 1
        }
        guard lastAlphanumeric >= restStart, isAlphanumeric(bytes[restStart]) else { return nil }
        // Trailing `.` or `-` (end of a sentence) is not part of the ID.
        return lastAlphanumeric + 1 - start
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isUpper(byte) || isDigit(byte) || (byte >= 0x61 && byte <= 0x7A)
    }
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}

/// A well-known external identifier (CVE, CWE, CAPEC) with its public page.
public struct ExternalID: Hashable, Sendable {
    public enum Scheme: String, Sendable { case cve = "CVE", cwe = "CWE", capec = "CAPEC" }

    public var scheme: Scheme
    public var id: String

    /// Recognises `CVE-YYYY-NNNN…` (4 or more digits), `CWE-N` and `CAPEC-N`.
    public init?(_ id: String) {
        guard let scheme = Self.scheme(ofASCII: id) else { return nil }
        self.scheme = scheme
        self.id = id
    }

    /// The scheme of `id`, byte by byte: `CVE-` 4 digits `-` 4 or more digits, `CWE-` digits, `CAPEC-` digits
    /// (ASCII digits). Agrees with `unicodeScheme`: a non-ASCII byte can only sit in a part that must be digits.
    static func scheme(ofASCII id: String) -> Scheme? {
        let bytes = id.utf8
        // Cheap rejection of the common case, a record ID: every scheme starts with `CV`, `CW` or `CA`.
        guard bytes.first == UInt8(ascii: "C"), bytes.count > 1 else { return nil }
        switch bytes[bytes.index(after: bytes.startIndex)] {
        case UInt8(ascii: "V"), UInt8(ascii: "W"), UInt8(ascii: "A"): break
        default: return nil
        }
        /// The number of ASCII digits from `index`, and where they end.
        func digits(from start: String.Index) -> (count: Int, end: String.Index) {
            var index = start
            var count = 0
            while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                count += 1
                bytes.formIndex(after: &index)
            }
            return (count, index)
        }
        func rest(after prefix: String) -> String.Index? {
            bytes.starts(with: prefix.utf8) ? bytes.index(bytes.startIndex, offsetBy: prefix.utf8.count) : nil
        }
        if let start = rest(after: "CVE-") {
            let year = digits(from: start)
            guard year.count == 4, year.end < bytes.endIndex, bytes[year.end] == UInt8(ascii: "-") else { return nil }
            let number = digits(from: bytes.index(after: year.end))
            return number.count >= 4 && number.end == bytes.endIndex ? .cve : nil
        }
        func number(from start: String.Index) -> Bool {
            let number = digits(from: start)
            return number.count > 0 && number.end == bytes.endIndex
        }
        if let start = rest(after: "CWE-") { return number(from: start) ? .cwe : nil }
        if let start = rest(after: "CAPEC-") { return number(from: start) ? .capec : nil }
        return nil
    }

    /// The reference behaviour `scheme(ofASCII:)` must match (tests compare the two).
    static func unicodeScheme(_ id: String) -> Scheme? {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        let allDigits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        switch parts.first {
        case "CVE" where parts.count == 3 && parts[1].count == 4 && allDigits(parts[1])
            && parts[2].count >= 4 && allDigits(parts[2]):
            return .cve
        case "CWE" where parts.count == 2 && allDigits(parts[1]):
            return .cwe
        case "CAPEC" where parts.count == 2 && allDigits(parts[1]):
            return .capec
        default:
            return nil
        }
    }

    /// The identifier's page at MITRE or NVD.
    public var url: String {
        let number = id.split(separator: "-").last.map(String.init) ?? ""
        switch scheme {
        case .cve: return "https://www.cve.org/CVERecord?id=\(id)"
        case .cwe: return "https://cwe.mitre.org/data/definitions/\(number).html"
        case .capec: return "https://capec.mitre.org/data/definitions/\(number).html"
        }
    }

    /// The reserved prefixes, which a project cannot use for its own records.
    public static let prefixes: Set<String> = ["CVE", "CWE", "CAPEC"]
}
