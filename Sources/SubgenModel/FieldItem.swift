import SubgenCore

/// One line of a field: the value on the field's own line, or one nested list item, with its own nested items.
public struct FieldItem: Hashable, Sendable {
    /// The item's visible text (inline markup removed, line breaks as spaces).
    public var text: String
    /// Where `text` starts.
    public var location: SourceLocation
    /// The line where `text` ends: a value continued on the next lines ends below `location`.
    public var lastLine: Int
    /// For a single link (`[label](path)`), its destination; file fields use it as the path.
    public var linkDestination: String?
    public var children: [FieldItem]

    public init(
        text: String, location: SourceLocation, lastLine: Int? = nil, linkDestination: String? = nil,
        children: [FieldItem] = []
    ) {
        self.text = text
        self.location = location
        self.lastLine = max(lastLine ?? location.line, location.line)
        self.linkDestination = linkDestination
        self.children = children
    }
}
