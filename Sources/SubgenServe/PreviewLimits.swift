/// What the preview server puts up with from a client before it gives up on it: how long it waits, how large a
/// request may be and how many connections it keeps. The defaults suit browsers on the same machine; tests use
/// smaller ones. docs/preview-server.md explains each.
public struct PreviewLimits: Sendable {
    /// Longest time a connection may stay quiet (nothing sent either way) while no request of it is being
    /// answered; it is closed then.
    public var idleTimeout: Duration
    /// Longest time from the first byte of a request head to its empty line, however steadily the bytes come
    /// (a client that sends a byte now and then cannot keep a connection forever).
    public var headerTimeout: Duration
    /// Longest wait for the client to take more of a response; the connection is closed when it passes.
    public var writeTimeout: Duration
    /// How long the reload signal (`/__subgen/version?since=N`) waits for a new build before answering.
    public var longPoll: Duration
    /// Longest time one request may take to be answered (rendering a page on first view included); the long
    /// poll always ends a second before it.
    public var requestTimeout: Duration
    /// Longest request target (path and query), in bytes; longer ones get 414.
    public var maxTargetLength: Int
    /// Longest header field line, in bytes; a longer one gets 431.
    public var maxFieldLineLength: Int
    /// Most header fields, and most bytes in the whole request head; more get 431.
    public var maxHeaderCount: Int
    public var maxHeadBytes: Int
    /// Most connections served at once; more wait in the system's queue until one ends.
    public var maxConnections: Int

    public init(
        idleTimeout: Duration = .seconds(10), headerTimeout: Duration = .seconds(10), writeTimeout: Duration = .seconds(10),
        longPoll: Duration = .seconds(20), requestTimeout: Duration = .seconds(60), maxTargetLength: Int = 4 * 1024,
        maxFieldLineLength: Int = 8 * 1024, maxHeaderCount: Int = 100, maxHeadBytes: Int = 16 * 1024,
        maxConnections: Int = 512
    ) {
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
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
    /// the poll is answered with the version rather than cut off with an error.
    var effectiveLongPoll: Duration {
        max(.zero, min(longPoll, requestTimeout - .seconds(1)))
    }
}
