import FlyingFox
import FlyingSocks
import Foundation
import SubgenCore

/// `subgen serve`: builds the project, serves its package over HTTP and rebuilds when the sources change.
///
/// FlyingFox answers the requests on a private socket (an abstract Unix socket on Linux, one in a private
/// folder elsewhere); clients connect to the `ConnectionGuard`, which relays each connection to it within
/// `PreviewLimits`.
public final class PreviewServer: Sendable {
    public let session: PreviewSession
    let server: HTTPServer
    let gate: ConnectionGuard
    /// How often the project is scanned for changes.
    let interval: Duration
    /// The folder of the private socket, where there is one.
    private let socketFolder: URL?

    /// Binds to `host` (an IPv4 or IPv6 address) and `port` (0 for any free one).
    public init(
        session: PreviewSession, host: String = "127.0.0.1", port: UInt16 = 8080, interval: Duration = .milliseconds(100),
        limits: PreviewLimits = PreviewLimits()
    ) throws {
        self.session = session
        self.interval = interval
        let backend: sockaddr_un
        #if os(Linux)
        backend = .unix(abstractNamespace: "subgen-serve-\(UUID().uuidString)")
        socketFolder = nil
        #else
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        backend = .unix(path: folder.appendingPathComponent("http.sock").path)
        socketFolder = folder
        #endif
        let loopback = Self.isLoopback(host)
        let handler = PreviewHandler(session: session, limits: limits, acceptsAnyHostName: !loopback)
        let timeout = Double(limits.requestTimeout.components.seconds) + Double(limits.requestTimeout.components.attoseconds) / 1e18
        server = HTTPServer(
            config: HTTPServer.Configuration(
                address: backend, timeout: timeout, sharedRequestReplaySize: 64 * 1024, logger: .disabled),
            handler: handler)
        if host.contains(":") {
            gate = try ConnectionGuard(address: try sockaddr_in6.inet6(ip6: host, port: port), backend: backend, limits: limits)
        } else {
            gate = try ConnectionGuard(address: try sockaddr_in.inet(ip4: host, port: port), backend: backend, limits: limits)
        }
    }

    /// Builds once, then serves and watches until the task is cancelled (or `stop()`).
    public func run() async throws {
        defer { socketFolder.map { try? FileManager.default.removeItem(at: $0) } }
        await Self.offPool { self.session.build() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.runFlyingFox() }
            group.addTask {
                try await self.server.waitUntilListening()
                try await self.gate.run()
            }
            group.addTask { try await self.watch() }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Runs FlyingFox until `stop()`; if its accept loop ends on an error (it ends on any, even one that says
    /// nothing about its socket, such as running out of descriptors), it is started again.
    private func runFlyingFox() async throws {
        while true {
            do {
                try await server.run()
                return
            } catch {
                if Task.isCancelled || error is CancellationError { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// The address the server listens on (it does from `init` on).
    public func url() async throws -> URL {
        switch gate.address {
        case .ip4(let host, let port): return URL(string: "http://\(host):\(port)/")!
        case .ip6(let host, let port): return URL(string: "http://[\(host)]:\(port)/")!
        default: throw URLError(.cannotFindHost)
        }
    }

    public func stop() async {
        await server.stop(timeout: 1)
    }

    /// Connections being served now.
    public var activeConnections: Int { gate.activeConnections }

    /// Runs a build (or a page rendering) on a Dispatch thread, so that it does not hold one of the few threads
    /// of Swift's cooperative pool that answer requests.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// `127.0.0.1` and the rest of 127/8, `::1` and `localhost`.
    static func isLoopback(_ host: String) -> Bool {
        host == "::1" || host == "localhost" || host.hasPrefix("127.")
    }

    private func watch() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: interval)
            _ = await Self.offPool { self.session.rebuildIfChanged() }
        }
    }
}
