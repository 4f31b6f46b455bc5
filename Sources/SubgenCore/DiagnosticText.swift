import Foundation

/// User text inside diagnostic messages: kept short, and shown so that a terminal cannot hide or reorder it.
///
/// A message quotes what the user wrote (`'bogus' is not a valid value`). Written as it is, a 10 MB value makes a
/// 10 MB line, a zero-width space is invisible, and a right-to-left override turns the rest of the line around.
public enum DiagnosticText {
    /// The most characters of user text a message quotes; longer text is cut with `…`.
    public static let quoteLimit = 80

    /// `'text'`, cut after `quoteLimit` characters.
    public static func quote(_ text: some StringProtocol) -> String {
        "'" + short(text) + "'"
    }

    /// `text` cut after `quoteLimit` characters (with `…` and the full length in bytes).
    public static func short(_ text: some StringProtocol) -> String {
        // Characters are counted only when the byte count says the text may be long.
        guard text.utf8.count > quoteLimit, text.count > quoteLimit else { return String(text) }
        return String(text.prefix(quoteLimit)) + "… (\(text.utf8.count) bytes)"
    }

    /// `text` with every control, format (invisible or bidirectional) and line or paragraph separator character
    /// written as `<U+200B>`. Ordinary letters of every script are kept.
    public static func visible(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                result += String(format: "<U+%04X>", scalar.value)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
