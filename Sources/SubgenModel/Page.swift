import SubgenCore
import SubgenMarkdown

/// A narrative page: a file whose H1 is followed by a field list with `Section:`.
public struct Page: Hashable, Sendable {
    public var title: String
    /// The guidance section id (`V.A.1`, `VI.B`, ...).
    public var section: String
    public var location: SourceLocation
    public var fields: [Field]
    public var narrative: [MarkdownNode]
    public var references: [Reference] = []

    public var file: String { location.file }
}
