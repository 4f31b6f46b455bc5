import SubgenCore

/// A reference from a record or page to a record ID, in a field, a flow or the narrative.
public struct Reference: Hashable, Sendable, Comparable {
    public enum Context: Hashable, Sendable {
        /// In the field with this name (as written).
        case field(String)
        /// `[ID]` in narrative text.
        case narrative
    }

    public var target: String
    public var context: Context
    public var location: SourceLocation
    /// Kinds the target may have (empty: any kind).
    public var expectedKinds: [String]

    public init(target: String, context: Context, location: SourceLocation, expectedKinds: [String] = []) {
        self.target = target
        self.context = context
        self.location = location
        self.expectedKinds = expectedKinds
    }

    /// CVE, CWE and CAPEC identifiers are linked to their public pages, not resolved in the project.
    public var external: ExternalID? { ExternalID(target) }

    public static func < (lhs: Reference, rhs: Reference) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        return lhs.target < rhs.target
    }
}

/// Who refers to a record: the referring record (or page) and where.
public struct Backlink: Hashable, Sendable, Comparable {
    /// The referring record's ID, or the referring page's file path.
    public var source: String
    public var context: Reference.Context
    public var location: SourceLocation

    public static func < (lhs: Backlink, rhs: Backlink) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        return lhs.source < rhs.source
    }
}
