/// Tree rewrites that return new trees; the receiver is never changed.
///
/// When the node a transform is called on is itself replaced by zero or several nodes, the result is
/// an `.other` node holding them, which the renderer renders in place.
extension MarkdownNode {
    /// A copy where every .text node that is NOT inside a .link, .image, .code or .codeBlock is replaced by the nodes `transform` returns for its text (nil keeps the node). Used to turn `[THR-004]` into links.
    ///
    /// The returned nodes are inserted as they are, not rewritten again, so a transform that wraps text in
    /// a link cannot loop.
    public func rewritingText(_ transform: (String) -> [MarkdownNode]?) -> MarkdownNode {
        rebuilt(context: false, childContext: { node, insideProtected in
            // Link text and image alt must stay as written: a link inside a link is not valid CommonMark.
            switch node.kind {
            case .link, .image, .code, .codeBlock: return true
            default: return insideProtected
            }
        }) { node, insideProtected in
            guard !insideProtected, case .text(let text) = node.kind, let replacement = transform(text) else {
                return [node]
            }
            return replacement
        }
    }

    /// A copy with every heading level shifted by `offset`, clamped to 1...6.
    public func shiftingHeadings(by offset: Int) -> MarkdownNode {
        rebuilt(context: (), childContext: { _, _ in () }) { node, _ in
            guard case .heading(let level) = node.kind else { return [node] }
            let (sum, overflow) = level.addingReportingOverflow(offset)
            let target = overflow ? (offset > 0 ? Int.max : Int.min) : sum
            var shifted = node
            shifted.kind = .heading(level: min(max(target, 1), 6))
            return [shifted]
        }
    }

    /// A copy safe to publish: raw HTML is shown, never interpreted (.htmlBlock -> .codeBlock(info: "", literal: same text); .htmlInline -> .code(same text)); a .link whose destination is unsafe is replaced by its children; an .image with an unsafe destination is replaced by a .text of its alt text (plain text of its children). Unsafe = scheme javascript:, vbscript:, file:, or data: (case-insensitive, after stripping leading whitespace and ASCII control characters, and also catching scheme names with embedded tab/newline like "java\tscript:"; data:image/png|gif|jpeg|webp;base64 on images only may stay, as libcmark allows).
    ///
    /// libcmark's safe mode alone drops raw HTML and empties dangerous URLs in HTML only; this keeps what
    /// the author wrote visible and makes the CommonMark output safe as well. Text nodes that end up
    /// next to each other are merged, as the parser does, so `[THR-001]` stays one text node.
    public func sanitized() -> MarkdownNode {
        rebuilt(context: (), childContext: { _, _ in () }, mergingText: true) { node, _ in
            switch node.kind {
            case .htmlBlock(let html):
                return [MarkdownNode(.codeBlock(info: "", literal: html), range: node.range)]
            case .htmlInline(let html):
                return [MarkdownNode(.code(html), range: node.range)]
            case .link(let destination, _) where MarkdownNode.isUnsafe(destination: destination, forImage: false):
                return node.children
            case .image(let destination, _) where MarkdownNode.isUnsafe(destination: destination, forImage: true):
                return [MarkdownNode(.text(node.plainText()), range: node.range)]
            default:
                return [node]
            }
        }
    }

    // MARK: - URL safety

    private static let unsafeSchemes = ["javascript:", "vbscript:", "file:", "data:"]
    private static let safeImageData = ["png", "gif", "jpeg", "webp"].map { "data:image/\($0);base64," }

    /// Whether a browser could run script or read local files through `destination`.
    static func isUnsafe(destination: String, forImage: Bool) -> Bool {
        // Browsers strip leading C0 controls and spaces and remove tabs and newlines anywhere before
        // reading the scheme, so "\u{1} java\tscript:" still runs script. Other controls inside are
        // dropped too: that can only turn a harmless URL into a false alarm, never the reverse.
        // Only enough characters for the longest prefix are needed; ASCII-only case folding matches
        // how schemes are compared.
        var prefix = ""
        for scalar in destination.unicodeScalars.drop(while: { $0.value <= 0x20 }) {
            if scalar.value < 0x20 || scalar.value == 0x7F { continue }
            if scalar.value >= 0x41 && scalar.value <= 0x5A {
                prefix.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value + 0x20)))
            } else {
                prefix.unicodeScalars.append(scalar)
            }
            if prefix.unicodeScalars.count >= 32 { break }
        }
        guard unsafeSchemes.contains(where: { prefix.hasPrefix($0) }) else { return false }
        return !(forImage && safeImageData.contains(where: { prefix.hasPrefix($0) }))
    }

    // MARK: - Rebuilding

    private struct Frame<Context> {
        var node: MarkdownNode
        var context: Context
        var childContext: Context
        var nextChild = 0
        var newChildren: [MarkdownNode] = []
    }

    /// Rebuilds the tree bottom-up with an explicit stack, so deep nesting cannot exhaust the call stack.
    ///
    /// `childContext` computes what a node's children inherit (e.g. "inside a link"); `replace` gets each
    /// node with its children already rebuilt, plus the node's own inherited context, and returns the nodes
    /// that take its place.
    private func rebuilt<Context>(
        context: Context,
        childContext: (MarkdownNode, Context) -> Context,
        mergingText: Bool = false,
        replace: (MarkdownNode, Context) -> [MarkdownNode]
    ) -> MarkdownNode {
        var stack = [Frame(node: self, context: context, childContext: childContext(self, context))]
        while let top = stack.indices.last {
            if stack[top].nextChild < stack[top].node.children.count {
                let child = stack[top].node.children[stack[top].nextChild]
                stack[top].nextChild += 1
                let inherited = stack[top].childContext
                stack.append(Frame(node: child, context: inherited, childContext: childContext(child, inherited)))
                continue
            }
            let frame = stack.removeLast()
            var node = frame.node
            node.children = frame.newChildren
            let replacement = replace(node, frame.context)
            guard let parent = stack.indices.last else {
                return replacement.count == 1 ? replacement[0] : MarkdownNode(.other, range: range, children: replacement)
            }
            for added in replacement {
                if mergingText {
                    MarkdownNode.appendMergingText(added, to: &stack[parent].newChildren)
                } else {
                    stack[parent].newChildren.append(added)
                }
            }
        }
        return self
    }

    private static func appendMergingText(_ child: MarkdownNode, to children: inout [MarkdownNode]) {
        guard case .text(let added) = child.kind, let last = children.last, case .text(let existing) = last.kind else {
            children.append(child)
            return
        }
        var merged = last
        merged.kind = .text(existing + added)
        if child.range.isKnown {
            merged.range.endLine = child.range.endLine
            merged.range.endColumn = child.range.endColumn
        }
        children[children.count - 1] = merged
    }
}
