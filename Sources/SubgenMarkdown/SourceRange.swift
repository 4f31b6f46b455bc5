/// Where a node starts and ends in its file: 1-based lines, 1-based UTF-8 byte columns, end inclusive.
/// libcmark reports 0 for some nodes; such values mean "unknown".
public struct SourceRange: Hashable, Sendable {
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }

    public static let unknown = SourceRange(startLine: 0, startColumn: 0, endLine: 0, endColumn: 0)

    public var isKnown: Bool { startLine > 0 }
}
