import SubgenCore

/// A gap found by a coverage check (guidance-map.md section 4): a warning, shown on the Overview and beside
/// the record or section it concerns.
public struct CoverageFinding: Hashable, Sendable {
    /// What the finding is about.
    public enum Subject: Hashable, Sendable {
        /// A record, by ID.
        case record(String)
        /// A chapter or section of the package, by number (`1.6`).
        case section(String)
    }

    public var subject: Subject
    /// The warning, located at the record or (for sections) at the manifest.
    public var diagnostic: Diagnostic

    public init(_ subject: Subject, _ id: String, _ message: String, at location: SourceLocation) {
        self.subject = subject
        self.diagnostic = .warning(id, message, at: location)
    }

    public var message: String { diagnostic.message }
}
