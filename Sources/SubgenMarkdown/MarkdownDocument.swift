/// A parsed file: its document node, and the first place where the input was nested deeper than
/// `MarkdownParser.maximumDepth` (that node and everything inside it are not in the tree).
public struct MarkdownDocument: Sendable {
    public var root: MarkdownNode
    /// Where the first node left out for being too deep starts (for an inline, where its block starts); nil when
    /// nothing was left out.
    public var firstTooDeep: SourceRange?

    public init(root: MarkdownNode, firstTooDeep: SourceRange? = nil) {
        self.root = root
        self.firstTooDeep = firstTooDeep
    }
}
