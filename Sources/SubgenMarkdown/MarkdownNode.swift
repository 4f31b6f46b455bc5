/// An immutable copy of one libcmark node and its children.
public struct MarkdownNode: Hashable, Sendable {
    /// What the node is, with the data libcmark keeps for that kind.
    ///
    /// The kinds with two strings are rare and stored out of line (`indirect`), so every node is smaller.
    public enum Kind: Hashable, Sendable {
        case document
        case blockQuote
        case list(ListStyle)
        case item
        indirect case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        indirect case link(destination: String, title: String)
        indirect case image(destination: String, title: String)
        /// A node type this wrapper does not know (custom nodes; not produced by the parser).
        case other
    }

    /// How a list is marked.
    public struct ListStyle: Hashable, Sendable {
        public var ordered: Bool
        public var start: Int
        public var tight: Bool
        /// `.` or `)` for ordered lists, `-`, `*` or `+` is not kept by libcmark.
        public var parenDelimiter: Bool

        public init(ordered: Bool, start: Int = 1, tight: Bool = true, parenDelimiter: Bool = false) {
            self.ordered = ordered
            self.start = start
            self.tight = tight
            self.parenDelimiter = parenDelimiter
        }
    }

    public var kind: Kind
    public var range: SourceRange
    public var children: [MarkdownNode]

    public init(_ kind: Kind, range: SourceRange = .unknown, children: [MarkdownNode] = []) {
        self.kind = kind
        self.range = range
        self.children = children
    }

    public var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }

    /// The heading level, or nil when this is not a heading.
    public var headingLevel: Int? {
        if case .heading(let level) = kind { return level }
        return nil
    }

    public var isBulletList: Bool {
        if case .list(let style) = kind { return !style.ordered }
        return false
    }
}
