import FlyingFox
import FlyingSocks
import Foundation
import SubgenCore

/// `subgen serve`: builds the project, serves its package over HTTP and rebuilds when the sources change.
public final class PreviewServer: Sendable {
    public let session: PreviewSession
    let server: HTTPServer
    /// How often the project is scanned for changes.
    let interval: Duration

    /// Binds to `host` (an IPv4 or IPv6 address) and `port` (0 for any free one).
    public init(session: PreviewSession, host: String = "127.0.0.1", port: UInt16 = 8080, interval: Duration = .milliseconds(100)) throws {
        self.session = session
        self.interval = interval
        let handler = PreviewHandler(session: session)
        if host.contains(":") {
            server = HTTPServer(address: try .inet6(ip6: host, port: port), logger: .disabled, handler: handler)
        } else {
            server = HTTPServer(address: try .inet(ip4: host, port: port), logger: .disabled, handler: handler)
        }
    }

    /// Builds once, then serves and watches until the task is cancelled.
    public func run() async throws {
        await Self.offPool { self.session.build() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.server.run() }
            group.addTask { try await self.watch() }
            try await group.next()
            group.cancelAll()
        }
    }

    /// The address the server listens on, once it does.
    public func url() async throws -> URL {
        try await server.waitUntilListening()
        switch await server.listeningAddress {
        case .ip4(let host, let port): return URL(string: "http://\(host):\(port)/")!
        case .ip6(let host, let port): return URL(string: "http://[\(host)]:\(port)/")!
        default: throw URLError(.cannotFindHost)
        }
    }

    public func stop() async {
        await server.stop(timeout: 1)
    }

    /// Runs a build (or a page rendering) on a Dispatch thread, so that it does not hold one of the few threads
    /// of Swift's cooperative pool that answer requests.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    private func watch() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: interval)
            _ = await Self.offPool { self.session.rebuildIfChanged() }
        }
    }
}
