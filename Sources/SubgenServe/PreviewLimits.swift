/// What the preview server puts up with from a client before it gives up on it: how long it waits, how large a
/// request may be and how many connections it keeps. The defaults suit browsers on the same machine; tests use
/// smaller ones. docs/preview-server.md explains each.
public struct PreviewLimits: Sendable {
    /// Longest time a connection may go without a whole request head arriving while none of its requests is
    /// being answered: from the moment it opens, or its last answer was handed over, to the end of the next
    /// request head. Bytes that trickle in do not extend it, so a head sent a byte at a time is cut off too
    /// (Hummingbird's idle timeout).
    public var idleTimeout: Duration
    /// Longest time from a request head to the end of its body (a body sent a byte at a time is cut off).
    public var bodyTimeout: Duration
    /// Longest time a client may take none of an answer while more of it waits to be sent; the connection is
    /// closed when it passes. A slow reader that keeps taking bytes gets the whole answer.
    public var writeTimeout: Duration
    /// How long the reload signal (`/__subgen/version?since=N`) waits for a new build before answering.
    public var longPoll: Duration
    /// Longest time one request may take to be answered (rendering a page on first view included); a slower one
    /// gets 503. The long poll always ends a second before it.
    public var requestTimeout: Duration
    /// Longest request target (path and query), in bytes; a longer one gets 414, or 400 once it is longer than
    /// a header line may be.
    public var maxTargetLength: Int
    /// Longest header field (and request target), in bytes; a longer one gets 400.
    public var maxFieldLineLength: Int
    /// Most header fields, and most bytes in the request target and header fields together; more get 400.
    public var maxHeaderCount: Int
    public var maxHeadBytes: Int
    /// Most connections served at once; more wait in the system's queue until one ends.
    public var maxConnections: Int

    public init(
        idleTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(10), writeTimeout: Duration = .seconds(10),
        longPoll: Duration = .seconds(20), requestTimeout: Duration = .seconds(60), maxTargetLength: Int = 4 * 1024,
        maxFieldLineLength: Int = 8 * 1024, maxHeaderCount: Int = 100, maxHeadBytes: Int = 16 * 1024,
        maxConnections: Int = 512
    ) {
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.writeTimeout = writeTimeout
        self.longPoll = longPoll
        self.requestTimeout = requestTimeout
        self.maxTargetLength = maxTargetLength
        self.maxFieldLineLength = maxFieldLineLength
        self.maxHeaderCount = maxHeaderCount
        self.maxHeadBytes = maxHeadBytes
        self.maxConnections = maxConnections
    }

    /// How long the long poll really waits: `longPoll`, but at least a second less than `requestTimeout`, so
    /// the poll is answered with the version rather than cut off.
    var effectiveLongPoll: Duration {
        max(.zero, min(longPoll, requestTimeout - .seconds(1)))
    }
}
