/// One field a kind of record knows: its name, type and whether it is required.
public struct FieldSpec: Hashable, Sendable {
    /// The name as documented, e.g. `Mitigated by`.
    public var name: String {
        didSet { key = Self.normalize(name) }
    }
    public var type: FieldType
    public var required: Bool
    /// The lookup key: lowercased with runs of whitespace collapsed to one space (kept in step with `name`).
    public private(set) var key: String

    public init(_ name: String, _ type: FieldType, required: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
        self.key = Self.normalize(name)
    }

    /// Field names and enum values match case-insensitively with spaces collapsed.
    public static func normalize(_ text: String) -> String {
        asciiNormalized(text) ?? unicodeNormalized(text)
    }

    /// `normalize` for any text: Unicode lowercasing and `Character.isWhitespace` (the reference behaviour).
    static func unicodeNormalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `normalize` for ASCII text, byte by byte; nil when `text` has a non-ASCII byte.
    static func asciiNormalized(_ text: String) -> String? {
        enum Scan { case unicode, unchanged, rewrite }
        var text = text
        let scan = text.withUTF8 { bytes -> Scan in
            // Already normalised (the common case for keys): no capitals, no blank other than single spaces
            // between words.
            var unchanged = true
            var previousBlank = true
            for byte in bytes {
                if byte >= 0x80 { return .unicode }
                let blank = ASCIIText.isWhitespace(byte)
                if (byte >= 0x41 && byte <= 0x5A) || (blank && (byte != 0x20 || previousBlank)) { unchanged = false }
                previousBlank = blank
            }
            if previousBlank && !bytes.isEmpty { unchanged = false }
            return unchanged ? .unchanged : .rewrite
        }
        switch scan {
        case .unicode: return nil
        case .unchanged: return text
        case .rewrite: break
        }
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count, initializingUTF8With: { output in
                var count = 0
                var pendingBlank = false
                for byte in bytes {
                    if ASCIIText.isWhitespace(byte) {
                        pendingBlank = count > 0
                        continue
                    }
                    if pendingBlank {
                        output[count] = 0x20
                        count += 1
                        pendingBlank = false
                    }
                    output[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    count += 1
                }
                return count
            })
        }
    }
}
