/// A position in a project file: a project-relative path, a 1-based line and a 1-based UTF-8 byte column.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    /// Path relative to the project folder, with `/` separators.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in UTF-8 bytes (as compilers and libcmark do).
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
    }

    /// Orders by path (byte order), then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file.utf8.lexicographicallyPrecedes(rhs.file.utf8) }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        return lhs.column < rhs.column
    }

    /// The same line, `bytes` UTF-8 bytes further right.
    public func advanced(by bytes: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + bytes)
    }
}
