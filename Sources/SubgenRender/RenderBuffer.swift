import Foundation

/// The bytes of one page as the native templates write it: literal template text, raw values and values escaped
/// for HTML or Markdown, written into one growing `[UInt8]` (no intermediate Strings) that is reused page after page.
///
/// Escaping works on UTF-8 bytes and copies runs without special characters in one go. Both reference escapers
/// (swift-mustache's HTML content type and `MarkdownEscaping`) compare whole Characters (grapheme clusters, by
/// canonical equivalence), which differs from a byte comparison only when a special ASCII character sits in a
/// cluster with a neighbouring non-ASCII scalar (a combining mark after it, a prepended mark before it) or when a
/// non-ASCII scalar is canonically equal to a special one (U+1FEF GREEK VARIA is "`"); such rare values are
/// escaped by the Character-based reference code, so the result is always the same.
struct RenderBuffer {
    /// The bytes written are `storage[0..<count]`; the rest is room to grow (kept across pages by `reset`).
    private var storage: [UInt8]
    private(set) var count = 0

    init(capacity: Int = 0) {
        storage = [UInt8](repeating: 0, count: capacity)
    }

    /// The bytes written.
    var bytes: [UInt8] { Array(storage[0..<count]) }

    /// The bytes written, as `Data`.
    var data: Data { storage.withUnsafeBufferPointer { Data(buffer: UnsafeBufferPointer(rebasing: $0[0..<count])) } }

    /// Empties the buffer, keeping its room.
    mutating func reset() {
        count = 0
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > storage.count { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        let size = max(needed, 2 * storage.count, 256)
        let written = count
        storage = storage.withUnsafeBufferPointer { old in
            [UInt8](unsafeUninitializedCapacity: size) { new, initialized in
                if written > 0 { new.baseAddress!.initialize(from: old.baseAddress!, count: written) }
                new.baseAddress!.advanced(by: written).initialize(repeating: 0, count: size - written)
                initialized = size
            }
        }
    }

    /// Writes `source` at the end.
    @inline(__always)
    private mutating func write(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        reserve(source.count)
        let at = count
        storage.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: at).update(from: from, count: source.count) }
        count += source.count
    }

    /// Template text.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { write($0) }
    }

    /// A value inserted unescaped (`{{{value}}}`).
    @inline(__always)
    mutating func appendRaw(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ write($0) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { write($0) }
        }
    }

    /// A number, as Mustache prints it (`String(describing:)`).
    mutating func append(_ number: Int) {
        appendRaw(String(number))
    }

    /// A value escaped as swift-mustache's `HTML` content type escapes it: `<`, `>`, `&`, `"` and `'`.
    mutating func appendHTMLEscaped(_ text: String) {
        let done = text.utf8.withContiguousStorageIfAvailable { escape($0, Self.escapeHTML) }
            ?? Array(text.utf8).withUnsafeBufferPointer { escape($0, Self.escapeHTML) }
        if !done { appendRaw(Self.referenceHTMLEscape(text)) }
    }

    /// A value escaped as `MarkdownEscaping` escapes it (the Markdown templates' content type).
    mutating func appendMarkdownEscaped(_ text: String) {
        let done = text.utf8.withContiguousStorageIfAvailable { escape($0, Self.escapeMarkdown) }
            ?? Array(text.utf8).withUnsafeBufferPointer { escape($0, Self.escapeMarkdown) }
        if !done { appendRaw(MarkdownEscaping.escape(text)) }
    }

    /// Runs an escaper writing straight into the storage, with room for every byte to grow to 6 (`&quot;`).
    @inline(__always)
    private mutating func escape(
        _ source: UnsafeBufferPointer<UInt8>,
        _ escaper: (UnsafeBufferPointer<UInt8>, UnsafeMutablePointer<UInt8>) -> Int?
    ) -> Bool {
        guard !source.isEmpty else { return true }
        reserve(6 * source.count)
        let at = count
        guard let written = storage.withUnsafeMutableBufferPointer({ escaper(source, $0.baseAddress!.advanced(by: at)) })
        else { return false }
        count += written
        return true
    }

    // MARK: HTML

    /// Bit `b` is set for the ASCII bytes the HTML content type replaces (all below 64).
    private static let htmlSpecial: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    /// Escapes `source` to `output` (room for 6 bytes per byte); the number of bytes written, or nil when the
    /// Character-based reference must decide. Skips eight bytes at a time while none is special.
    static func escapeHTML(_ source: UnsafeBufferPointer<UInt8>, to output: UnsafeMutablePointer<UInt8>) -> Int? {
        guard let base = source.baseAddress else { return 0 }
        let count = source.count
        var out = output
        var run = 0
        var index = 0
        while index < count {
            if index + 8 <= count, !mayHaveHTMLSpecial(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let stop = min(index + 8, count)
            while index < stop {
                let byte = base[index]
                guard byte < 64, htmlSpecial & (1 << UInt64(byte)) != 0 else {
                    index += 1
                    continue
                }
                if (index > 0 && base[index - 1] >= 0x80) || (index + 1 < count && base[index + 1] >= 0x80) {
                    return nil
                }
                copy(source, run, index, to: &out)
                switch byte {
                case UInt8(ascii: "<"): put("&lt;", to: &out)
                case UInt8(ascii: ">"): put("&gt;", to: &out)
                case UInt8(ascii: "&"): put("&amp;", to: &out)
                case UInt8(ascii: "\""): put("&quot;", to: &out)
                default: put("&#39;", to: &out)
                }
                index += 1
                run = index
            }
        }
        copy(source, run, count, to: &out)
        return output.distance(to: out)
    }

    /// Whether one of the eight bytes of `word` may be one the HTML content type replaces (exact when none is).
    @inline(__always)
    private static func mayHaveHTMLSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        @inline(__always) func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & 0x8080_8080_8080_8080 }
        return hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x26)) | hasZeroByte(word ^ (ones &* 0x27))
            | hasZeroByte(word ^ (ones &* 0x3C)) | hasZeroByte(word ^ (ones &* 0x3E)) != 0
    }

    /// swift-mustache's `String.htmlEscape()` (internal to the package), Character by Character.
    static func referenceHTMLEscape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    @inline(__always)
    private static func copy(_ source: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, to out: inout UnsafeMutablePointer<UInt8>) {
        guard from < to else { return }
        out.update(from: source.baseAddress! + from, count: to - from)
        out += to - from
    }

    @inline(__always)
    private static func put(_ text: StaticString, to out: inout UnsafeMutablePointer<UInt8>) {
        out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        out += text.utf8CodeUnitCount
    }

    // MARK: Markdown

    /// Bits of the ASCII bytes `MarkdownEscaping` changes: its special characters and the line breaks (LF, VT,
    /// FF, CR), split into bytes below 64 and bytes 64-127.
    private static let markdownLow: UInt64 =
        1 << 0x0A | 1 << 0x0B | 1 << 0x0C | 1 << 0x0D
        | 1 << 0x21 | 1 << 0x23 | 1 << 0x26 | 1 << 0x2A | 1 << 0x3C | 1 << 0x3E
    private static let markdownHigh: UInt64 =
        1 << (0x5B - 64) | 1 << (0x5C - 64) | 1 << (0x5D - 64) | 1 << (0x5F - 64) | 1 << (0x60 - 64)
        | 1 << (0x7C - 64) | 1 << (0x7E - 64)

    /// Escapes `source` to `output` (room for 2 bytes per byte); the number of bytes written, or nil when the
    /// Character-based reference must decide.
    static func escapeMarkdown(_ source: UnsafeBufferPointer<UInt8>, to output: UnsafeMutablePointer<UInt8>) -> Int? {
        let count = source.count
        var out = output
        var run = 0
        var index = 0
        while index < count {
            let byte = source[index]
            if byte < 64 {
                guard markdownLow & (1 << UInt64(byte)) != 0 else {
                    index += 1
                    continue
                }
            } else if byte < 128 {
                guard markdownHigh & (1 << UInt64(byte - 64)) != 0 else {
                    index += 1
                    continue
                }
            } else {
                // Non-ASCII line breaks (NEL, LINE and PARAGRAPH SEPARATOR) become a space; U+1FEF is "`".
                var length = 0
                if byte == 0xC2, index + 1 < count, source[index + 1] == 0x85 {
                    length = 2
                } else if byte == 0xE2, index + 2 < count, source[index + 1] == 0x80,
                    source[index + 2] == 0xA8 || source[index + 2] == 0xA9
                {
                    length = 3
                } else if byte == 0xE1, index + 2 < count, source[index + 1] == 0xBF, source[index + 2] == 0xAF {
                    return nil
                }
                guard length > 0 else {
                    index += 1
                    continue
                }
                copy(source, run, index, to: &out)
                put(" ", to: &out)
                index += length
                run = index
                continue
            }
            copy(source, run, index, to: &out)
            if byte <= 0x0D {
                // CR LF is one Character, so one space.
                put(" ", to: &out)
                index += byte == 0x0D && index + 1 < count && source[index + 1] == 0x0A ? 2 : 1
                run = index
                continue
            }
            if (index > 0 && source[index - 1] >= 0x80) || (index + 1 < count && source[index + 1] >= 0x80) {
                return nil
            }
            out[0] = UInt8(ascii: "\\")
            out[1] = byte
            out += 2
            index += 1
            run = index
        }
        copy(source, run, count, to: &out)
        return output.distance(to: out)
    }
}

// MARK: - Tidy

extension RenderBuffer {
    /// `PackageRenderer.tidy` on the bytes, in place: the same result without building Strings. Lines are split at
    /// LF except inside CR LF (one Character, as `String.split` sees it). A line whose decision depends on how
    /// non-ASCII text forms Characters is decided by the same String code as `tidy`.
    mutating func tidy(_ format: OutputFormat) {
        let length = count
        switch format {
        case .markdown:
            count = storage.withUnsafeMutableBufferPointer {
                Self.collapseBlankLines(UnsafeMutableBufferPointer(rebasing: $0[0..<length]))
            }
        case .html:
            count = storage.withUnsafeBufferPointer { Self.endOfLastNonBlankLine(UnsafeBufferPointer(rebasing: $0[0..<length])) }
        }
        append("\n")
    }

    /// HTML: where the text ends without its trailing whitespace-only lines (0 if every line is one).
    static func endOfLastNonBlankLine(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var end = text.count
        while true {
            var start = end
            while start > 0 {
                if text[start - 1] == 0x0A, start < 2 || text[start - 2] != 0x0D { break }
                start -= 1
            }
            if !isWhitespace(UnsafeBufferPointer(rebasing: text[start..<end])) { return end }
            if start == 0 { return 0 }
            end = start - 1
        }
    }

    /// Markdown: at most one blank line in a row outside code fences, written over `text`; returns where the last
    /// line that is not whitespace-only ends (the caller adds the final newline).
    static func collapseBlankLines(_ text: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let base = text.baseAddress else { return 0 }
        let count = text.count
        var read = 0
        var write = 0
        var lastEnd = 0
        var wroteLine = false
        var lastWasEmpty = true
        var fence: Fence?
        while true {
            // The line is read..<lineEnd; a LF preceded by CR does not end it.
            var lineEnd = count
            var search = read
            while search < count, let found = memchr(base + search, 0x0A, count - search) {
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if position == 0 || base[position - 1] != 0x0D {
                    lineEnd = position
                    break
                }
                search = position + 1
            }
            let line = UnsafeBufferPointer(rebasing: text[read..<lineEnd])
            switch decide(line, fence: &fence) {
            case .keep:
                // Decided before the line moves: moving it may overwrite its old place.
                let blank = isWhitespace(line)
                if wroteLine {
                    base[write] = 0x0A
                    write += 1
                }
                if write != read, !line.isEmpty { (base + write).update(from: base + read, count: line.count) }
                write += line.count
                wroteLine = true
                lastWasEmpty = line.isEmpty
                if !blank { lastEnd = write }
            case .blank:
                if !lastWasEmpty {
                    if wroteLine {
                        base[write] = 0x0A
                        write += 1
                    }
                    wroteLine = true
                    lastWasEmpty = true
                }
            }
            if lineEnd == count { return lastEnd }
            read = lineEnd + 1
        }
    }

    /// An open code fence: the run of backticks or tildes that opened it.
    struct Fence {
        var marker: String
        /// The marker's bytes when it is ASCII (compared bytewise); nil otherwise.
        var ascii: [UInt8]?

        init(_ marker: String) {
            self.marker = marker
            ascii = marker.utf8.allSatisfy { $0 < 0x80 } ? Array(marker.utf8) : nil
        }
    }

    enum LineAction {
        /// Written as it is.
        case keep
        /// Whitespace-only outside a fence: written as an empty line unless the last line written is empty.
        case blank
    }

    /// What `tidy` does with one Markdown line, and the fence it opens or closes.
    static func decide(_ line: UnsafeBufferPointer<UInt8>, fence: inout Fence?) -> LineAction {
        let space = UInt8(ascii: " ")
        var trimmed = 0
        while trimmed < line.count, line[trimmed] == space { trimmed += 1 }
        if trimmed < line.count, line[trimmed] >= 0x80 { return decideByCharacters(line, fence: &fence) }
        if let open = fence {
            guard let marker = open.ascii else { return decideByCharacters(line, fence: &fence) }
            // Closed by a line of only the marker's character, at least as long as the marker.
            guard line.count - trimmed >= marker.count else { return .keep }
            for index in trimmed..<line.count {
                let byte = line[index]
                if byte >= 0x80 { return decideByCharacters(line, fence: &fence) }
                if byte != marker[0] { return .keep }
            }
            fence = nil
            return .keep
        }
        let first = trimmed < line.count ? line[trimmed] : 0
        if first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
            var run = trimmed
            while run < line.count, line[run] == first { run += 1 }
            if run < line.count, line[run] >= 0x80 { return decideByCharacters(line, fence: &fence) }
            if run - trimmed >= 3 {
                fence = Fence(String(decoding: UnsafeBufferPointer(rebasing: line[trimmed..<run]), as: UTF8.self))
            }
            return .keep
        }
        return isWhitespace(line) ? .blank : .keep
    }

    /// `decide` by `tidy`'s own String code, for lines where Characters and bytes may disagree.
    static func decideByCharacters(_ bytes: UnsafeBufferPointer<UInt8>, fence: inout Fence?) -> LineAction {
        let line = Substring(String(decoding: bytes, as: UTF8.self))
        let trimmed = line.drop { $0 == " " }
        if let open = fence {
            if trimmed.hasPrefix(open.marker) && trimmed.allSatisfy({ $0 == open.marker.first }) { fence = nil }
        } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
            fence = Fence(String(trimmed.prefix { $0 == trimmed.first }))
        } else if line.allSatisfy(\.isWhitespace) {
            return .blank
        }
        return .keep
    }

    /// Whether every Character of `line` is whitespace (`Character.isWhitespace`, which looks at the first
    /// scalar). An ASCII byte that is not whitespace decides it: it starts its Character, or follows a
    /// prepended mark that is not whitespace either.
    static func isWhitespace(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var nonASCII = false
        for byte in line {
            if byte < 0x80 {
                if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
            } else {
                nonASCII = true
            }
        }
        return !nonASCII || String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace)
    }
}
