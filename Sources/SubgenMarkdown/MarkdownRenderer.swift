#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CCmark

/// Renders `MarkdownNode` trees back to HTML and CommonMark with libcmark.
///
/// Each call builds a fresh C tree from the Swift values, renders it and frees it before returning,
/// so the output depends only on the values and nothing C-side outlives the call.
/// `.other` nodes, and documents nested inside other nodes, have no C node of their own: their children
/// are rendered in their place. Children libcmark refuses (invalid nesting in hand-built trees,
/// such as a paragraph inside an emphasis) are left out with their subtrees.
public enum MarkdownRenderer {
    /// HTML for the node (a .document or any block/inline node; its children if it is a document), rendered by libcmark in safe mode.
    public static func html(_ node: MarkdownNode) -> String {
        // Never CMARK_OPT_UNSAFE: safe mode is the security boundary that keeps raw HTML and
        // javascript:-style URLs out of published pages, whatever a tree was built from.
        render(node) { cmark_render_html($0, CMARK_OPT_DEFAULT) }
    }

    /// HTML for `blocks` wrapped in one document.
    public static func html(_ blocks: [MarkdownNode]) -> String {
        html(MarkdownNode(.document, children: blocks))
    }

    /// CommonMark text, rendered by libcmark's commonmark renderer with width 0 (no wrapping).
    public static func commonMark(_ node: MarkdownNode) -> String {
        var node = node
        if case .item = node.kind {
            // Without a parent list libcmark writes a lone item as ordered item number 0 ("0.  text").
            node = MarkdownNode(.list(MarkdownNode.ListStyle(ordered: false)), children: [node])
        }
        return render(node) { cmark_render_commonmark($0, CMARK_OPT_DEFAULT, 0) }
    }

    /// CommonMark text for `blocks` wrapped in one document.
    public static func commonMark(_ blocks: [MarkdownNode]) -> String {
        commonMark(MarkdownNode(.document, children: blocks))
    }

    // MARK: - C tree

    private static func render(
        _ node: MarkdownNode, with renderer: (OpaquePointer) -> UnsafeMutablePointer<CChar>?
    ) -> String {
        guard let root = makeTree(node) else { return "" }
        defer { cmark_node_free(root) }
        guard let output = renderer(root) else { return "" }
        // Render results are malloc'd by libcmark's default allocator and belong to the caller.
        defer { free(output) }
        return String(cString: output)
    }

    /// Builds the C tree top-down with an explicit stack, so deeply nested input cannot exhaust the call stack.
    private static func makeTree(_ node: MarkdownNode) -> OpaquePointer? {
        let root: OpaquePointer?
        switch node.kind {
        case .document:
            root = cmark_node_new(CMARK_NODE_DOCUMENT)
        case .other:
            // A custom inline renders nothing itself, so inline children come out bare (no <p>);
            // a custom block would add line breaks, so block children go in a document instead.
            root = cmark_node_new(startsWithInline(node) ? CMARK_NODE_CUSTOM_INLINE : CMARK_NODE_DOCUMENT)
        default:
            root = makeNode(node.kind)
        }
        guard let root else { return nil }

        var pending: [(node: MarkdownNode, parent: OpaquePointer)] = node.children.reversed().map { ($0, root) }
        while let (current, parent) = pending.popLast() {
            guard let made = makeNode(current.kind) else {
                pending.append(contentsOf: current.children.reversed().map { ($0, parent) })
                continue
            }
            // cmark_node_append_child returns 0 when the nesting is invalid and then does not take
            // ownership, so the refused node must be freed here.
            guard cmark_node_append_child(parent, made) != 0 else {
                cmark_node_free(made)
                continue
            }
            pending.append(contentsOf: current.children.reversed().map { ($0, made) })
        }
        return root
    }

    /// Whether the first node that is not transparent (.other or .document) under `node` is an inline.
    private static func startsWithInline(_ node: MarkdownNode) -> Bool {
        var pending = node.children.reversed() as [MarkdownNode]
        while let current = pending.popLast() {
            switch current.kind {
            case .other, .document:
                pending.append(contentsOf: current.children.reversed())
            case .text, .softBreak, .lineBreak, .code, .htmlInline, .emphasis, .strong, .link, .image:
                return true
            case .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading, .thematicBreak:
                return false
            }
        }
        return false
    }

    /// A detached C node for `kind`, or nil for the transparent kinds (.other and nested documents).
    private static func makeNode(_ kind: MarkdownNode.Kind) -> OpaquePointer? {
        switch kind {
        case .document, .other:
            return nil
        case .blockQuote:
            return cmark_node_new(CMARK_NODE_BLOCK_QUOTE)
        case .list(let style):
            guard let node = cmark_node_new(CMARK_NODE_LIST) else { return nil }
            cmark_node_set_list_type(node, style.ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST)
            // libcmark refuses negative starts (keeping 0) and takes an Int32; clamp instead of trapping.
            cmark_node_set_list_start(node, Int32(clamping: max(0, style.start)))
            cmark_node_set_list_tight(node, style.tight ? 1 : 0)
            cmark_node_set_list_delim(node, style.parenDelimiter ? CMARK_PAREN_DELIM : CMARK_PERIOD_DELIM)
            return node
        case .item:
            return cmark_node_new(CMARK_NODE_ITEM)
        case .codeBlock(let info, let literal):
            guard let node = cmark_node_new(CMARK_NODE_CODE_BLOCK) else { return nil }
            withCString(info) { cmark_node_set_fence_info(node, $0) }
            withCString(literal) { cmark_node_set_literal(node, $0) }
            return node
        case .htmlBlock(let html):
            return literalNode(CMARK_NODE_HTML_BLOCK, html)
        case .paragraph:
            return cmark_node_new(CMARK_NODE_PARAGRAPH)
        case .heading(let level):
            guard let node = cmark_node_new(CMARK_NODE_HEADING) else { return nil }
            // libcmark refuses levels outside 1...6 and would silently keep level 1.
            cmark_node_set_heading_level(node, Int32(min(max(level, 1), 6)))
            return node
        case .thematicBreak:
            return cmark_node_new(CMARK_NODE_THEMATIC_BREAK)
        case .text(let text):
            return literalNode(CMARK_NODE_TEXT, text)
        case .softBreak:
            return cmark_node_new(CMARK_NODE_SOFTBREAK)
        case .lineBreak:
            return cmark_node_new(CMARK_NODE_LINEBREAK)
        case .code(let code):
            return literalNode(CMARK_NODE_CODE, code)
        case .htmlInline(let html):
            return literalNode(CMARK_NODE_HTML_INLINE, html)
        case .emphasis:
            return cmark_node_new(CMARK_NODE_EMPH)
        case .strong:
            return cmark_node_new(CMARK_NODE_STRONG)
        case .link(let destination, let title):
            return linkNode(CMARK_NODE_LINK, destination, title)
        case .image(let destination, let title):
            return linkNode(CMARK_NODE_IMAGE, destination, title)
        }
    }

    private static func literalNode(_ type: cmark_node_type, _ literal: String) -> OpaquePointer? {
        guard let node = cmark_node_new(type) else { return nil }
        withCString(literal) { cmark_node_set_literal(node, $0) }
        return node
    }

    private static func linkNode(_ type: cmark_node_type, _ destination: String, _ title: String) -> OpaquePointer? {
        guard let node = cmark_node_new(type) else { return nil }
        withCString(destination) { cmark_node_set_url(node, $0) }
        withCString(title) { cmark_node_set_title(node, $0) }
        return node
    }

    /// libcmark copies C strings, so a NUL would cut a value short; like the parser, turn NUL into U+FFFD.
    @discardableResult
    private static func withCString<R>(_ value: String, _ body: (UnsafePointer<CChar>) -> R) -> R {
        guard value.utf8.contains(0) else { return value.withCString(body) }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: value.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 })
        return String(scalars).withCString(body)
    }
}
