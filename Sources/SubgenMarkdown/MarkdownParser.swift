#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CCmark
import SubgenCore

/// Parses CommonMark with libcmark into `MarkdownNode` trees.
///
/// The C tree lives only inside `parse`: it is copied into Swift values and released before returning.
/// Adjacent text nodes are merged, so `[THR-001]` is always one text node.
public enum MarkdownParser {
    /// The most nodes on any path from the document down to a leaf in the trees `parse` returns. A container
    /// that would go deeper is not kept as a node: its whole subtree becomes the plain text of its leaves (in a
    /// paragraph when its parent holds blocks), so no text is lost, and nothing that walks a tree recursively
    /// (its destruction, `==`, `hash`, `plainText`) can exhaust the call stack, whatever the input. libcmark
    /// nests without limit: 100,000 `>` are 100,000 block quotes. Real documents nest a few levels.
    public static let maximumDepth = 1_000

    /// Parses `text` (a whole file) and returns its document node, with source positions.
    public static func parse(_ text: String) -> MarkdownNode {
        // No CMARK_OPT_VALIDATE_UTF8: a Swift string is valid UTF-8 already, and on valid input the option only
        // copies each line once more (libcmark replaces NUL bytes either way).
        let options = CMARK_OPT_SOURCEPOS
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
    ///
    /// Consecutive text nodes of one parent are gathered as bytes and become one `.text` node when the next
    /// sibling, or the end of the parent, comes: its range starts at the first text and ends at the last known end.
    /// The children of each open node are gathered in a buffer kept for its depth, so each node's children
    /// array is allocated once, at its final size. A container entered at `maximumDepth` is gathered as a
    /// `DeepSubtree` instead, until its exit.
    private static func copyTree(_ root: OpaquePointer) -> MarkdownNode {
        guard let iterator = cmark_iter_new(root) else { return MarkdownNode(.document) }
        defer { cmark_iter_free(iterator) }
        var open = OpenNodes()
        var result = MarkdownNode(.document)
        var pending = PendingText()
        var deep: DeepSubtree?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let isLeaf = cmark_node_first_child(node) == nil && !isContainer(type)
            if deep != nil {
                if event == CMARK_EVENT_ENTER {
                    deep!.enter(node, type: type, isLeaf: isLeaf)
                } else if event == CMARK_EVENT_EXIT, deep!.exit(), let parent = open.innermostKind {
                    if let flattened = deep!.node(under: parent) { open.appendChild(flattened) }
                    deep = nil
                }
                continue
            }
            if event == CMARK_EVENT_ENTER {
                if type == CMARK_NODE_TEXT && isLeaf && !open.isEmpty {
                    pending.add(cmark_node_get_literal(node), range: range(of: node))
                    continue
                }
                pending.flush(into: &open)
                if isLeaf {
                    open.appendChild(copyNode(node))
                } else if open.depth + 4 > maximumDepth {
                    // A kept container is at most 3 nodes above the limit: room for a flattened subtree below
                    // it (at most an item, a paragraph and the text).
                    deep = DeepSubtree(range: range(of: node))
                } else {
                    open.push(copyNode(node))
                }
            } else if event == CMARK_EVENT_EXIT {
                pending.flush(into: &open)
                guard let finished = open.pop() else { continue }
                if open.isEmpty {
                    result = finished
                } else {
                    open.appendChild(finished)
                }
            }
        }
        return result
    }

    /// The nodes entered and not yet exited, innermost last, with the children gathered so far for each.
    private struct OpenNodes {
        private var nodes: [MarkdownNode] = []
        /// Children per depth; a buffer keeps its capacity for the next node at that depth.
        private var children: [Children] = []

        var isEmpty: Bool { nodes.isEmpty }
        var depth: Int { nodes.count }
        var innermostKind: MarkdownNode.Kind? { nodes.last?.kind }

        mutating func push(_ node: MarkdownNode) {
            nodes.append(node)
            if children.count < nodes.count { children.append(Children()) }
        }

        func appendChild(_ child: consuming MarkdownNode) {
            guard !nodes.isEmpty else { return }
            children[nodes.count - 1].append(child)
        }

        /// The innermost node with its children.
        mutating func pop() -> MarkdownNode? {
            guard var node = nodes.popLast() else { return nil }
            let gathered = children[nodes.count]
            if !gathered.isEmpty { node.children = gathered.take() }
            return node
        }
    }

    /// A growable buffer of nodes whose contents are moved out into an array of exactly their number, leaving
    /// the buffer empty with its capacity (which `Array` cannot do without copying every node).
    private final class Children {
        private var base = UnsafeMutablePointer<MarkdownNode>.allocate(capacity: 8)
        private var capacity = 8
        private var count = 0

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }

        var isEmpty: Bool { count == 0 }

        func append(_ node: consuming MarkdownNode) {
            if count == capacity {
                let larger = UnsafeMutablePointer<MarkdownNode>.allocate(capacity: 2 * capacity)
                larger.moveInitialize(from: base, count: count)
                base.deallocate()
                base = larger
                capacity *= 2
            }
            (base + count).initialize(to: node)
            count += 1
        }

        /// The nodes, in order; the buffer is empty afterwards.
        func take() -> [MarkdownNode] {
            let taken = count
            count = 0
            return [MarkdownNode](unsafeUninitializedCapacity: taken) { array, initialized in
                array.baseAddress!.moveInitialize(from: base, count: taken)
                initialized = taken
            }
        }
    }

    /// The literals of consecutive text nodes, joined.
    private struct PendingText {
        var bytes: [UInt8] = []
        var range: SourceRange?

        mutating func add(_ literal: UnsafePointer<CChar>?, range: SourceRange) {
            if let literal {
                let count = strlen(literal)
                literal.withMemoryRebound(to: UInt8.self, capacity: count) { start in
                    bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
                }
            }
            if self.range == nil {
                self.range = range
            } else if range.isKnown {
                self.range!.endLine = range.endLine
                self.range!.endColumn = range.endColumn
            }
        }

        /// Appends the joined text to the innermost open node, if there is any text.
        mutating func flush(into open: inout OpenNodes) {
            guard let range else { return }
            let text = String(decoding: bytes, as: UTF8.self)
            bytes.removeAll(keepingCapacity: true)
            self.range = nil
            open.appendChild(MarkdownNode(.text(text), range: range))
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
        MarkdownNode(kind(of: node), range: range(of: node))
    }

    private static func range(of node: OpaquePointer) -> SourceRange {
        SourceRange(
            startLine: Int(cmark_node_get_start_line(node)),
            startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)),
            endColumn: Int(cmark_node_get_end_column(node)))
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
