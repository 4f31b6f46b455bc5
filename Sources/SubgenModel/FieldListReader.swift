import SubgenCore
import SubgenMarkdown

/// Reads `- Name: value` bullet lists (records', pages' and the manifest's fields) from a parsed file.
struct FieldListReader {
    let source: SourceText
    let file: String

    /// A bullet list is a field list when its first item starts with `Name:`.
    func isFieldList(_ node: MarkdownNode) -> Bool {
        guard node.isBulletList, let first = node.children.first else { return false }
        return fieldName(in: first) != nil
    }

    /// Reads every item of a field list; items without `Name:` are reported and skipped.
    func read(_ list: MarkdownNode, log: inout DiagnosticLog) -> [Field] {
        var fields: [Field] = []
        fields.reserveCapacity(list.children.count)
        for item in list.children {
            guard let paragraph = item.children.first, case .paragraph = paragraph.kind,
                let (name, valueText) = fieldName(in: item)
            else {
                log.error(
                    "field-without-name",
                    "field list item has no 'Name:'; write each item of a field list as 'Name: value'",
                    at: location(of: item.children.first ?? item))
                continue
            }
            let nameLocation = location(of: paragraph)
            let value = FieldItem(
                text: valueText, location: valueLocation(paragraph), lastLine: paragraph.range.endLine,
                linkDestination: singleLink(in: paragraph))
            var nested: [FieldItem] = []
            for block in item.children.dropFirst() {
                if case .list = block.kind {
                    nested += block.children.map { self.item($0, log: &log) }
                } else {
                    log.warning(
                        "field-content-ignored",
                        "only the first paragraph and a nested list of a field are read; "
                            + "move longer text to the narrative below the field list",
                        at: location(of: block))
                }
            }
            fields.append(Field(name: name, location: nameLocation, value: value, items: nested))
        }
        return fields
    }

    /// A nested list item as a value, with its own nested items.
    private func item(_ node: MarkdownNode, log: inout DiagnosticLog) -> FieldItem {
        var text = ""
        var location = self.location(of: node)
        var lastLine = location.line
        var link: String?
        var children: [FieldItem] = []
        for (index, block) in node.children.enumerated() {
            switch block.kind {
            case .paragraph where index == 0:
                text = block.plainText().trimmed
                location = self.location(of: block)
                lastLine = block.range.endLine
                link = singleLink(in: block)
            case .list:
                children += block.children.map { item($0, log: &log) }
            default:
                log.warning(
                    "field-content-ignored",
                    "only the first paragraph and a nested list of a field item are read",
                    at: self.location(of: block))
            }
        }
        return FieldItem(text: text, location: location, lastLine: lastLine, linkDestination: link, children: children)
    }

    /// `(name, value)` when the item's paragraph starts with `Name:` followed by a space or the end.
    /// A name starts with a letter and holds letters, digits, spaces and `()/'&_-` (at most 40 characters).
    func fieldName(in item: MarkdownNode) -> (String, String)? {
        guard let paragraph = item.children.first, case .paragraph = paragraph.kind else { return nil }
        return Self.splitField(paragraph.plainText())
    }

    /// `(name, value)` of a field item's text, as `fieldName(in:)` describes.
    static func splitField(_ text: String) -> (String, String)? {
        switch asciiSplitField(text) {
        case .some(let result): return result
        case .none: return unicodeSplitField(text)
        }
    }

    /// `splitField` byte by byte when the name and the byte after the colon are ASCII (so every character
    /// up to there is one byte, and `:` is a character of its own); nil when the Unicode rules must decide.
    static func asciiSplitField(_ text: String) -> (String, String)?? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex, utf8[index] != UInt8(ascii: ":") {
            if utf8[index] >= 0x80 { return nil }
            utf8.formIndex(after: &index)
        }
        guard index < utf8.endIndex else { return .some(nil) }
        let colon = index
        let afterColon = utf8.index(after: colon)
        if afterColon < utf8.endIndex {
            let next = utf8[afterColon]
            if next >= 0x80 { return nil }
            if !ASCIIText.isWhitespace(next) { return .some(nil) }
        }
        var nameStart = utf8.startIndex
        var nameEnd = colon
        while nameStart < nameEnd, ASCIIText.isWhitespace(utf8[nameStart]) { utf8.formIndex(after: &nameStart) }
        while nameStart < nameEnd, ASCIIText.isWhitespace(utf8[utf8.index(before: nameEnd)]) {
            utf8.formIndex(before: &nameEnd)
        }
        let name = utf8[nameStart..<nameEnd]
        guard let first = name.first, ASCIIText.isLetter(first), name.count <= 40,
            name.allSatisfy({ ASCIIText.isLetter($0) || ASCIIText.isDigit($0) || nameBytes.contains($0) })
        else { return .some(nil) }
        return .some((String(text[nameStart..<nameEnd]), text[afterColon...].trimmed))
    }

    /// The characters besides letters and digits a field name may hold.
    private static let nameBytes: [UInt8] = Array(" ()/'&_-".utf8)

    /// `splitField` for any text, character by character (the reference behaviour).
    static func unicodeSplitField(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmed
        let afterColon = text.index(after: colon)
        guard let first = name.first, first.isLetter, name.count <= 40,
            name.allSatisfy({ $0.isLetter || $0.isNumber || " ()/'&_-".contains($0) }),
            afterColon == text.endIndex || text[afterColon].isWhitespace
        else { return nil }
        return (name, text[afterColon...].trimmed)
    }

    /// The destination when the value after `Name:` is exactly one link, e.g. `File: [sbom](sbom.json)`.
    private func singleLink(in paragraph: MarkdownNode) -> String? {
        // Most values have no link at all: nothing to gather then.
        guard paragraph.children.contains(where: { if case .link = $0.kind { true } else { false } }) else {
            return nil
        }
        var links: [String] = []
        var otherText = ""
        for child in paragraph.children {
            switch child.kind {
            case .link(let destination, _): links.append(destination)
            case .text(let text): otherText += text
            default: otherText += child.plainText()
            }
        }
        guard links.count == 1 else { return nil }
        // Only the `Name:` part (or nothing, for a nested item) may stand beside the link.
        let rest = otherText.trimmed
        guard rest.isEmpty || (rest.hasSuffix(":") && !rest.dropLast().contains(":")) else { return nil }
        return links[0]
    }

    func location(of node: MarkdownNode) -> SourceLocation {
        SourceLocation(file: file, line: node.range.startLine, column: node.range.startColumn)
    }

    /// Where the value starts: after the first `:` of the paragraph's first line and any blanks.
    private func valueLocation(_ paragraph: MarkdownNode) -> SourceLocation {
        let start = location(of: paragraph)
        let line = source.line(start.line)
        guard let colon = source.column(of: ":", line: start.line, from: start.column) else { return start }
        var column = colon + 1
        while column - 1 < line.count, line[line.startIndex + column - 1] == 0x20 || line[line.startIndex + column - 1] == 0x09 {
            column += 1
        }
        return SourceLocation(file: file, line: start.line, column: column)
    }
}
