import CCmark

/// Parses CommonMark with libcmark into `MarkdownNode` trees.
///
/// The C tree lives only inside `parse`: it is copied into Swift values and freed before returning.
/// Adjacent text nodes are merged, so `[THR-001]` is always one text node.
public enum MarkdownParser {
    /// Parses `text` (a whole file) and returns its document node, with source positions.
    public static func parse(_ text: String) -> MarkdownNode {
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
        var text = text
        let root: OpaquePointer? = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                // Pass the byte count, not a C string, so NUL bytes in a file reach libcmark (which replaces them).
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
        guard let root else { return MarkdownNode(.document) }
        defer { cmark_node_free(root) }
        return copyTree(root)
    }

    /// Walks the C tree with libcmark's iterator (no recursion, so deep nesting cannot exhaust the stack).
    private static func copyTree(_ root: OpaquePointer) -> MarkdownNode {
        guard let iterator = cmark_iter_new(root) else { return MarkdownNode(.document) }
        defer { cmark_iter_free(iterator) }
        var stack: [MarkdownNode] = []
        var result = MarkdownNode(.document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let isLeaf = cmark_node_first_child(node) == nil && !isContainer(cmark_node_get_type(node))
            if event == CMARK_EVENT_ENTER {
                let copy = copyNode(node)
                if isLeaf {
                    appendChild(copy, to: &stack)
                } else {
                    stack.append(copy)
                }
            } else if event == CMARK_EVENT_EXIT {
                guard let finished = stack.popLast() else { continue }
                if stack.isEmpty {
                    result = finished
                } else {
                    appendChild(finished, to: &stack)
                }
            }
        }
        return result
    }

    private static func appendChild(_ child: MarkdownNode, to stack: inout [MarkdownNode]) {
        guard !stack.isEmpty else { return }
        let parent = stack.count - 1
        if case .text(let added) = child.kind, let last = stack[parent].children.last,
            case .text(let existing) = last.kind
        {
            var merged = last
            merged.kind = .text(existing + added)
            if child.range.isKnown {
                merged.range.endLine = child.range.endLine
                merged.range.endColumn = child.range.endColumn
            }
            stack[parent].children[stack[parent].children.count - 1] = merged
        } else {
            stack[parent].children.append(child)
        }
    }

    /// Container types get ENTER and EXIT events even when empty; leaves get only ENTER.
    private static func isContainer(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM,
            CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG,
            CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
            return true
        default:
            return false
        }
    }

    private static func copyNode(_ node: OpaquePointer) -> MarkdownNode {
        let range = SourceRange(
            startLine: Int(cmark_node_get_start_line(node)),
            startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)),
            endColumn: Int(cmark_node_get_end_column(node)))
        return MarkdownNode(kind(of: node), range: range)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        // Strings read from nodes belong to the node: copy, never free.
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                MarkdownNode.ListStyle(
                    ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                    start: Int(cmark_node_get_list_start(node)),
                    tight: cmark_node_get_list_tight(node) != 0,
                    parenDelimiter: cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM))
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(
                info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default: return .other
        }
    }
}
