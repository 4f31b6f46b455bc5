import SubgenCore

/// A file named by a file-typed field, checked to exist inside the project.
public struct Attachment: Hashable, Sendable {
    /// The path as written in the record.
    public var written: String
    /// The path relative to the project folder, normalised (`/` separators, no `.` or `..`).
    public var path: String
    /// The part after `#` (a JUnit suite or `suite/case`), if any.
    public var selector: String?
    public var location: SourceLocation
}
