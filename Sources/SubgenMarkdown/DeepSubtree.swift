#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CCmark

/// A subtree of the C tree that starts below `MarkdownParser.maximumDepth`, gathered as the text of its leaves
/// while libcmark's iterator walks it: text, code, HTML and code block literals in order, a space between
/// blocks and for line breaks. It becomes one text node in the shape its parent can hold.
struct DeepSubtree {
    /// Where the subtree's top node is in the file.
    let range: SourceRange
    /// Containers entered and not yet exited, the top node included.
    private var depth = 1
    private var bytes: [UInt8] = []

    init(range: SourceRange) {
        self.range = range
    }

    /// A node inside the subtree is entered.
    mutating func enter(_ node: OpaquePointer, type: cmark_node_type, isLeaf: Bool) {
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            append(cmark_node_get_literal(node))
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
            separate()
            append(cmark_node_get_literal(node))
            separate()
        default:
            separate()
        }
        if !isLeaf { depth += 1 }
    }

    /// A container inside the subtree is exited; true when that was the subtree's top node.
    mutating func exit() -> Bool {
        depth -= 1
        return depth == 0
    }

    /// The gathered text as a node `parent` may hold: text in an inline container, a paragraph in a block
    /// container, an item with a paragraph in a list; nil when the subtree has no text.
    func node(under parent: MarkdownNode.Kind) -> MarkdownNode? {
        let end = bytes.lastIndex { !Self.isSpace($0) }
        guard let end else { return nil }
        let text = String(decoding: bytes[...end], as: UTF8.self)
        let leaf = MarkdownNode(.text(text), range: range)
        switch parent {
        case .paragraph, .heading, .emphasis, .strong, .link, .image:
            return leaf
        case .list:
            return MarkdownNode(.item, range: range, children: [MarkdownNode(.paragraph, range: range, children: [leaf])])
        default:
            return MarkdownNode(.paragraph, range: range, children: [leaf])
        }
    }

    private mutating func append(_ literal: UnsafePointer<CChar>?) {
        guard let literal else { return }
        let count = strlen(literal)
        literal.withMemoryRebound(to: UInt8.self, capacity: count) { start in
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
        }
    }

    /// One space before whatever comes next, unless the text is empty or ends with white space.
    private mutating func separate() {
        if let last = bytes.last, !Self.isSpace(last) { bytes.append(UInt8(ascii: " ")) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
