#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of one project file, decoded from UTF-8, with helpers to map lines and byte columns.
public struct SourceText: Sendable {
    /// The decoded text, without a leading byte-order mark.
    public let text: String
    /// The file's lines without their terminators (`\n`, `\r\n` or `\r`), as UTF-8 bytes.
    public var lines: [ArraySlice<UInt8>] { lineRanges.map { bytes[$0] } }
    /// The text's UTF-8 bytes.
    private let bytes: [UInt8]
    /// Where each line is in `bytes`, without its terminator.
    private let lineRanges: [Range<Int>]

    /// Where the first invalid UTF-8 sequence starts, if decoding failed.
    public struct InvalidUTF8: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
    }

    /// Decodes `bytes` as strict UTF-8 (a leading BOM is dropped) or reports the first bad byte's position.
    public static func decode(_ bytes: [UInt8]) -> Result<SourceText, InvalidUTF8> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        // The standard library's validation is the fast check; the scalar-by-scalar one finds where it fails.
        if let text = String(validating: body, as: UTF8.self) {
            return .success(SourceText(text: text, bytes: body.count == bytes.count ? bytes : Array(body)))
        }
        if let offset = firstInvalidUTF8Offset(body) {
            // The prefix up to the bad byte is valid UTF-8: split it the same way as `lines` does.
            let prefix = SourceText(validUTF8: Array(body[body.startIndex..<offset]))
            return .failure(InvalidUTF8(line: prefix.lineCount, column: prefix.line(prefix.lineCount).count + 1))
        }
        return .success(SourceText(validUTF8: Array(body)))
    }

    public init(_ text: String) {
        self.init(validUTF8: Array(text.utf8))
    }

    private init(validUTF8 bytes: [UInt8]) {
        self.init(text: String(decoding: bytes, as: UTF8.self), bytes: bytes)
    }

    /// `text` and its UTF-8 `bytes`.
    private init(text: String, bytes: [UInt8]) {
        self.text = text
        self.bytes = bytes
        self.lineRanges = Self.lineRanges(bytes)
    }

    /// Where each line is, without its terminator (`\n`, `\r\n` or `\r`). memchr finds the terminators, so a
    /// 50 MB file is split at memory speed in any build; the next `\n` is remembered, so a file of `\r` line
    /// endings is not searched to its end for every line.
    private static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            func next(_ byte: UInt8, from start: Int, before end: Int) -> Int? {
                guard start < end, let hit = memchr(base + start, Int32(byte), end - start) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var newline = next(0x0A, from: 0, before: count)
            while true {
                if let found = newline, found < start { newline = next(0x0A, from: start, before: count) }
                if let carriageReturn = next(0x0D, from: start, before: newline ?? count) {
                    lines.append(start..<carriageReturn)
                    start = carriageReturn + (carriageReturn + 1 < count && base[carriageReturn + 1] == 0x0A ? 2 : 1)
                } else if let found = newline {
                    lines.append(start..<found)
                    start = found + 1
                } else {
                    break
                }
            }
        }
        // The last line runs to the end (empty after a final terminator).
        lines.append(start..<bytes.count)
        return lines
    }

    /// The number of lines (at least 1: an empty text has one empty line).
    public var lineCount: Int { lineRanges.count }

    /// The bytes of 1-based `line`, or an empty slice when out of range.
    public func line(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineRanges.count else { return [] }
        return bytes[lineRanges[line - 1]]
    }

    /// The 1-based byte column of the first occurrence of `needle` on `line` at or after `column`.
    ///
    /// memchr and memcmp do the scanning: lines can be megabytes long, and the generic collection methods crawl
    /// through them in debug builds (which the tests run).
    public func column(of needle: String, line: Int, from column: Int = 1) -> Int? {
        var needle = needle
        return needle.withUTF8 { pattern in
            guard let first = pattern.first, let patternBase = pattern.baseAddress else { return nil }
            return self.line(line).withUnsafeBufferPointer { bytes -> Int? in
                guard let base = bytes.baseAddress else { return nil }
                var start = max(column - 1, 0)
                while start + pattern.count <= bytes.count {
                    // Skip to the next place the first byte matches, then compare the rest.
                    let room = bytes.count - pattern.count - start + 1
                    guard let hit = memchr(base + start, Int32(first), room) else { return nil }
                    let found = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + found, patternBase, pattern.count) == 0 { return found + 1 }
                    start = found + 1
                }
                return nil
            }
        }
    }

    /// The 1-based line and byte column of the first NUL byte, if the text has one.
    public var firstNUL: (line: Int, column: Int)? {
        // memchr, not `firstIndex(of:)`: one pass at memory speed over files of any size, in any build.
        let found = bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let hit = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let offset = found else { return nil }
        return position(ofByte: offset)
    }

    /// The 1-based line and byte column of the byte at `offset` (a line terminator belongs to the line it ends).
    public func position(ofByte offset: Int) -> (line: Int, column: Int) {
        // The last line starting at or before the offset.
        var low = 0
        var high = lineRanges.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineRanges[middle].lowerBound <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineRanges[low].lowerBound + 1)
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
