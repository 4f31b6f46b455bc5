extension MarkdownNode {
    /// The visible text of the node's inlines: text and code literals, link and image text,
    /// breaks as `separator`, markup and raw HTML dropped.
    public func plainText(softBreak separator: String = " ") -> String {
        var result = ""
        appendPlainText(to: &result, separator: separator)
        return result
    }

    private func appendPlainText(to result: inout String, separator: String) {
        switch kind {
        case .text(let text), .code(let text): result += text
        case .softBreak, .lineBreak: result += separator
        case .codeBlock(_, let literal): result += literal
        case .htmlInline, .htmlBlock: break
        default:
            for child in children { child.appendPlainText(to: &result, separator: separator) }
        }
    }
}
