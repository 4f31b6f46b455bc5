import Foundation

/// Tokens that look like record IDs but are not: a Cyrillic `Т` for a Latin `T`, fullwidth digits, an invisible
/// zero-width space or a right-to-left override inside the ID.
///
/// IDs are ASCII, so such a token never becomes a record or a reference; without these checks the record would
/// silently turn into a plain heading and the reference into plain text. Lookalikes are never read as the ID they
/// resemble either: a reader could not tell two such records apart.
extension RecordID {
    /// A token that reads as `id` once its lookalike characters are replaced and its invisible ones removed.
    public struct Lookalike: Hashable, Sendable {
        /// The token as written.
        public var token: String
        /// The ASCII ID it looks like.
        public var id: String
        /// The first character that is not what it looks like.
        public var character: Unicode.Scalar
        /// UTF-8 byte offset of `character` in the scanned text.
        public var offset: Int

        /// `U+0422 CYRILLIC CAPITAL LETTER TE`, or `the invisible U+200B ZERO WIDTH SPACE`.
        public var characterDescription: String {
            let name = character.properties.name ?? character.properties.nameAlias ?? "unnamed character"
            let invisible = RecordID.isInvisible(character) ? "the invisible " : ""
            return invisible + String(format: "U+%04X ", character.value) + name
        }
    }

    /// The token `text` as a lookalike of an ID, or nil when it is not one (ASCII tokens never are).
    public static func lookalike(_ text: some StringProtocol) -> Lookalike? {
        let token = String(text)
        guard token.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        var folded = ""
        var first: (Unicode.Scalar, Int)?
        var offset = 0
        for scalar in token.unicodeScalars {
            defer { offset += UTF8.width(scalar) }
            if scalar.isASCII {
                folded.unicodeScalars.append(scalar)
                continue
            }
            guard let replacement = asciiLookalike(of: scalar) else { return nil }
            folded += replacement
            if first == nil { first = (scalar, offset) }
        }
        guard let (character, at) = first, let match = parse(folded) else { return nil }
        return Lookalike(token: token, id: match.id, character: character, offset: at)
    }

    /// The lookalike at the very start of `text` (a heading's text): its first word, up to blanks, `:` or the end.
    public static func leadingLookalike(_ text: String) -> Lookalike? {
        let end = text.unicodeScalars.firstIndex { $0.properties.isWhitespace || $0 == ":" } ?? text.endIndex
        return lookalike(text[..<end])
    }

    /// Every `[token]` in `text` whose token is a lookalike of an ID; offsets are in `text`.
    public static func bracketedLookalikes(in text: String) -> [Lookalike] {
        withBytes(text) { bytes in
            var found: [Lookalike] = []
            var index = 0
            while let open = nextIndex(of: UInt8(ascii: "["), in: bytes, from: index) {
                // The token runs to `]`; another `[` or an ASCII blank first means the bracket holds no single token.
                var end = open + 1
                var nonASCII = false
                while end < bytes.count {
                    let byte = bytes[end]
                    if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == 0x20 || byte == 0x09
                        || byte == 0x0A || byte == 0x0D
                    {
                        break
                    }
                    nonASCII = nonASCII || byte >= 0x80
                    end += 1
                }
                if nonASCII, end < bytes.count, bytes[end] == UInt8(ascii: "]"),
                    var match = lookalike(String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<end]), as: UTF8.self))
                {
                    match.offset += open + 1
                    found.append(match)
                }
                index = end
            }
            return found
        }
    }

    /// Whether `scalar` shows nothing: format characters such as zero-width spaces and joiners, bidirectional
    /// marks, embeddings, overrides and isolates, the byte-order mark and soft hyphens.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .format
    }

    /// The ASCII text `scalar` passes for in an ID: nothing for an invisible character, the letter, digit or dash it
    /// looks like; nil when it does not pass for any.
    static func asciiLookalike(of scalar: Unicode.Scalar) -> String? {
        if isInvisible(scalar) { return "" }
        if let mapped = homoglyphs[scalar] { return String(mapped) }
        // Digits of every script: Arabic-Indic, Devanagari, fullwidth, mathematical...
        if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
            value >= 0, value <= 9
        {
            return String(Int(value))
        }
        // Compatibility forms: fullwidth letters, mathematical bold, Roman numeral one and the like.
        let compatible = String(scalar).precomposedStringWithCompatibilityMapping
        if !compatible.isEmpty,
            compatible.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == ".")
            })
        {
            return compatible
        }
        return nil
    }

    /// Letters of other scripts drawn like Latin letters, and dashes drawn like the hyphen-minus. Not the em dash,
    /// which separates a record's title from its ID.
    private static let homoglyphs: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        let pairs: [(String, String)] = [
            // Cyrillic capitals and small letters.
            ("АВЕЗІЈКМНОРСЅТУХӀԚԜ", "ABE3IJKMHOPCSTYXIQW"),
            ("аеіјорсѕухһԁԛԝ", "aeijopcsyxhdqw"),
            // Greek capitals and small letters.
            ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"),
            ("αιον", "aiov"),
            // Hyphen, non-breaking hyphen, figure dash, en dash, hyphen bullet, minus sign, small em dash.
            ("\u{2010}\u{2011}\u{2012}\u{2013}\u{2043}\u{2212}\u{FE58}", "-------"),
        ]
        for (from, to) in pairs {
            for (source, target) in zip(from.unicodeScalars, to.unicodeScalars) { table[source] = target }
        }
        return table
    }()
}
