import SubgenCore

/// An element of an architecture view: `Name (zone)`.
public struct ViewElement: Hashable, Sendable {
    public var name: String
    /// Trust domain, e.g. `device`, `manufacturer cloud`; nil when not given.
    public var zone: String?
    public var location: SourceLocation
}

/// A flow of an architecture view: `From -> To: what it carries`, with optional details.
public struct ViewFlow: Hashable, Sendable {
    public var from: String
    public var to: String
    /// `<->`: data moves both ways.
    public var bidirectional: Bool
    public var carries: String
    public var step: Int
    public var protocolName: String?
    public var authentication: String?
    public var encryption: String?
    /// IDs named in the flow's text or its `Controls:`/`Interface:` details, in order.
    public var references: [String]
    public var location: SourceLocation
}
