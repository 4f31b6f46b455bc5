/// The text of one project file, decoded from UTF-8, with helpers to map lines and byte columns.
public struct SourceText: Sendable {
    /// The decoded text, without a leading byte-order mark.
    public let text: String
    /// The file's lines without their terminators (`\n`, `\r\n` or `\r`), as UTF-8 bytes.
    public let lines: [ArraySlice<UInt8>]

    /// Where the first invalid UTF-8 sequence starts, if decoding failed.
    public struct InvalidUTF8: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
    }

    /// Decodes `bytes` as strict UTF-8 (a leading BOM is dropped) or reports the first bad byte's position.
    public static func decode(_ bytes: [UInt8]) -> Result<SourceText, InvalidUTF8> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let offset = firstInvalidUTF8Offset(body) {
            // The prefix up to the bad byte is valid UTF-8: split it the same way as `lines` does.
            let prefix = SourceText(validUTF8: Array(body[body.startIndex..<offset]))
            return .failure(InvalidUTF8(line: prefix.lines.count, column: prefix.lines[prefix.lines.count - 1].count + 1))
        }
        return .success(SourceText(validUTF8: Array(body)))
    }

    public init(_ text: String) {
        self.init(validUTF8: Array(text.utf8))
    }

    private init(validUTF8 bytes: [UInt8]) {
        self.text = String(decoding: bytes, as: UTF8.self)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(bytes[start..<index])
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(bytes[start..<bytes.count])
        self.lines = lines
    }

    /// The bytes of 1-based `line`, or an empty slice when out of range.
    public func line(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lines.count else { return [] }
        return lines[line - 1]
    }

    /// The 1-based byte column of the first occurrence of `needle` on `line` at or after `column`.
    public func column(of needle: String, line: Int, from column: Int = 1) -> Int? {
        let haystack = self.line(line)
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return nil }
        var start = haystack.startIndex + max(column - 1, 0)
        while start + pattern.count <= haystack.endIndex {
            if haystack[start..<start + pattern.count].elementsEqual(pattern) {
                return start - haystack.startIndex + 1
            }
            start += 1
        }
        return nil
    }

    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
