import Foundation

extension String {
    /// The text without leading and trailing whitespace (Foundation's `.whitespacesAndNewlines`).
    ///
    /// ASCII blanks (tab, line feed, vertical tab, form feed, carriage return, space) are skipped byte by byte.
    /// When a non-ASCII byte is met at either end, the text goes to Foundation unchanged, so Unicode
    /// whitespace (no-break space, U+2028, U+200B, ...) is trimmed exactly as before.
    var trimmed: String {
        guard let (start, end) = ASCIIText.trimmedBounds(utf8) else { return foundationTrimmed }
        if start == startIndex && end == endIndex { return self }
        // Both bounds sit next to ASCII bytes, so they are character boundaries.
        return String(self[start..<end])
    }

    /// The reference behaviour `trimmed` must match (tests compare the two).
    var foundationTrimmed: String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension Substring {
    /// `String.trimmed` of this text.
    var trimmed: String {
        guard let (start, end) = ASCIIText.trimmedBounds(utf8) else { return String(self).foundationTrimmed }
        return String(self[start..<end])
    }
}

/// Byte-level predicates for the ASCII fast paths of the parser; each matches the Unicode-aware
/// `Character` property it replaces for every ASCII byte (callers keep a slow path for non-ASCII text).
enum ASCIIText {
    /// `Character.isWhitespace` and Foundation's `.whitespacesAndNewlines` for ASCII: U+0009 to U+000D and space.
    /// The bounds of `bytes` without leading and trailing ASCII whitespace; nil when a non-ASCII byte
    /// stands at either trimmed end (Unicode whitespace may start there).
    static func trimmedBounds<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> (Bytes.Index, Bytes.Index)? {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end {
            let byte = bytes[start]
            if byte >= 0x80 { return nil }
            guard isWhitespace(byte) else { break }
            bytes.formIndex(after: &start)
        }
        while start < end {
            let last = bytes.index(before: end)
            let byte = bytes[last]
            if byte >= 0x80 { return nil }
            guard isWhitespace(byte) else { break }
            end = last
        }
        return (start, end)
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// `Character.isLetter` for ASCII.
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    /// `Character.isNumber` for ASCII.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }
}
