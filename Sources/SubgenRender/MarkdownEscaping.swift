import Mustache

/// Escapes user text for inline use in CommonMark (headings, table cells, list items).
///
/// Registered as the Mustache content type `MARKDOWN`, so `{{value}}` in Markdown templates is escaped the way
/// `{{value}}` in HTML templates is HTML-escaped. Line breaks become spaces so a value never starts a block.
struct MarkdownEscaping: MustacheContentType {
    static let name = "MARKDOWN"
    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!"]

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isNewline {
                result.append(" ")
            } else {
                if special.contains(character) { result.append("\\") }
                result.append(character)
            }
        }
        return result
    }

    /// Registers the content type once per process; Mustache keeps content types in a global table.
    static let register: Void = {
        MustacheContentTypes.register(MarkdownEscaping(), named: name)
    }()
}
