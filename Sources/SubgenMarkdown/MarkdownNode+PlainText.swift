extension MarkdownNode {
    /// The text of the node's inlines as written: text and code literals, link and image text, raw HTML
    /// kept literally (so nothing a user wrote disappears; renderers escape it), breaks as `separator`.
    public func plainText(softBreak separator: String = " ") -> String {
        var result = ""
        appendPlainText(to: &result, separator: separator)
        return result
    }

    private func appendPlainText(to result: inout String, separator: String) {
        switch kind {
        case .text(let text), .code(let text), .htmlInline(let text): result += text
        case .softBreak, .lineBreak: result += separator
        case .codeBlock(_, let literal), .htmlBlock(let literal): result += literal
        default:
            for child in children { child.appendPlainText(to: &result, separator: separator) }
        }
    }
}
