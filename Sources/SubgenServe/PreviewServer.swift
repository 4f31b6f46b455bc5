import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import SubgenCore

/// `subgen serve`: builds the project, serves its package over HTTP and rebuilds when the sources change.
///
/// Hummingbird's HTTP/1 server (SwiftNIO underneath) reads the requests, within `PreviewLimits`: its parser
/// bounds the request head, its idle timeout closes quiet connections and heads sent a byte at a time,
/// `ConnectionTimeouts` closes connections whose bodies drag or whose clients stop reading, and
/// `ConnectionCount` caps the connections served at once. `PreviewResponder` answers each request.
public final class PreviewServer: Sendable {
    public let session: PreviewSession
    let host: String
    let port: UInt16
    let limits: PreviewLimits
    /// How often the project is scanned for changes.
    let interval: Duration
    private let connections: ConnectionCount
    private let listening = ListeningAddress()
    /// Raised when the server is asked to stop: long polls answer at once.
    private let stopping = Flag()

    /// Serves on `host` (an IPv4 or IPv6 address, or `localhost`) and `port` (0 for any free one) once `run()`
    /// has built the package; throws if `host` is not an address.
    public init(
        session: PreviewSession, host: String = "127.0.0.1", port: UInt16 = 8080, interval: Duration = .milliseconds(100),
        limits: PreviewLimits = PreviewLimits()
    ) throws {
        guard host == "localhost" || HostName(host.contains(":") ? "[\(host)]" : host) == .address else {
            throw PreviewServerError.notAnAddress(host)
        }
        self.session = session
        self.host = host
        self.port = port
        self.limits = limits
        self.interval = interval
        connections = ConnectionCount(
            limit: min(limits.maxConnections, ConnectionCount.connectionsWithin(descriptors: ConnectionCount.descriptorLimit())))
    }

    /// Builds once, then serves and watches until the task is cancelled; throws if it cannot listen.
    ///
    /// When cancelled, the server stops gracefully: Hummingbird closes the listening socket and the idle
    /// connections, long polls answer at once, and answers under way get a second or two to finish before
    /// their connections are cut. (Cancelling Hummingbird's server outright can drop a connection accepted at
    /// that moment without closing it, which NIO treats as a fatal error.)
    public func run() async throws {
        defer { listening.finish() }
        await Self.offPool { self.session.build() }
        let server = makeServer()
        let ended = Flag()
        // Not a child task: it must not be cancelled along with this one.
        let serving = Task {
            defer { ended.set() }
            try await server.run()
        }
        while !Task.isCancelled, !ended.isSet {
            try? await Task.sleep(for: interval)
            if !Task.isCancelled { _ = await Self.offPool { self.session.rebuildIfChanged() } }
        }
        let stopped = !ended.isSet
        if stopped {
            stopping.set()
            let cutOff = Task {
                try? await Task.sleep(for: .seconds(2))
                serving.cancel()
            }
            try? await server.shutdownGracefully()
            cutOff.cancel()
        }
        do {
            try await serving.value
        } catch {
            guard !stopped else { return }
            listening.failed(error)
            throw error
        }
    }

    /// Hummingbird's HTTP/1 server for the preview, not yet listening.
    private func makeServer() -> Server<HTTP1Channel> {
        let responder = PreviewResponder(
            session: session, limits: limits, acceptsAnyHostName: !Self.isLoopback(host), stopping: stopping)
        let limits = self.limits
        var decoder = HTTP1Channel.Configuration.DecoderConfiguration()
        decoder.maxHeaderFieldSize = limits.maxFieldLineLength
        decoder.maxHeaderListSize = limits.maxHeadBytes + limits.maxFieldLineLength
        decoder.maxHeaderFieldCount = limits.maxHeaderCount
        let channel = HTTP1Channel(
            responder: { request, writer, _ in
                let response = await responder.respond(to: request)
                try await writer.write(response: response.head, body: response.body)
            },
            configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: [ConnectionTimeouts(limits: limits)],
                idleTimeout: TimeAmount(limits.idleTimeout), httpDecoderConfiguration: decoder))
        let listening = self.listening
        return Server(
            childChannelSetup: channel,
            configuration: ServerConfiguration(
                address: .hostname(host, port: Int(port)), availableConnectionsDelegate: connections),
            onServerRunning: { listening.bound(to: $0.localAddress) },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "subgen-serve", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// The address the server listens on, once it does; throws if it could not listen.
    public func url() async throws -> URL {
        guard let address = try await listening.address(), let port = address.port else {
            throw URLError(.cannotFindHost)
        }
        switch address {
        case .v6: return URL(string: "http://[\(address.ipAddress ?? "::1")]:\(port)/")!
        default: return URL(string: "http://\(address.ipAddress ?? "127.0.0.1"):\(port)/")!
        }
    }

    /// Waits (a few seconds at most) until `run()` has ended, after its task was cancelled.
    public func stop() async {
        await listening.waitUntilFinished(within: .seconds(5))
    }

    /// Connections being served now.
    public var activeConnections: Int { connections.active }

    /// Runs a build (or a page rendering) on a Dispatch thread, so that it does not hold one of the few threads
    /// of Swift's cooperative pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// Like `offPool(_:)`, but nil if `work` has not finished within `limit` (it goes on, and its result is
    /// dropped).
    static func offPool<T: Sendable>(within limit: Duration, _ work: @escaping @Sendable () -> T) async -> T? {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            let once = ResumeOnce(continuation)
            DispatchQueue.global().async { once.resume(returning: work()) }
            let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { once.resume(returning: nil) }
        }
    }

    /// `127.0.0.1` and the rest of 127/8, `::1` and `localhost`.
    static func isLoopback(_ host: String) -> Bool {
        host == "::1" || host == "localhost" || host.hasPrefix("127.")
    }
}

/// Why a preview server cannot be set up.
public enum PreviewServerError: Error, CustomStringConvertible {
    case notAnAddress(String)

    public var description: String {
        switch self {
        case .notAnAddress(let host): return "\(host) is not an IP address or localhost"
        }
    }
}
