import SubgenCore
import SubgenMarkdown

/// One record: a heading starting with an ID, its fields and its narrative.
public struct Record: Hashable, Sendable {
    public var id: String
    /// The kind's name (`threat`, `risk`, ...).
    public var kind: String
    /// The text after the ID, or empty when the heading has no title.
    public var title: String
    /// Where the ID starts in the heading.
    public var location: SourceLocation
    public var headingLevel: Int
    public var fields: [Field]
    /// The record's blocks after its field list, as parsed.
    public var narrative: [MarkdownNode]
    /// Every reference the record makes, in source order.
    public var references: [Reference] = []

    /// The project-relative path of the file holding the record.
    public var file: String { location.file }

    /// The parsed value of the field with this name, if present and valid.
    public func value(_ name: String) -> FieldValue? {
        fields[key: FieldSpec.normalize(name)]?.parsed
    }
}
