import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// The preview's public socket. FlyingFox listens on a private socket of its own; this accepts the clients'
/// TCP connections and relays each to it as a `GuardedConnection`, so that what FlyingFox leaves unbounded
/// (how long a client may take, how large a request head may be, how many connections are kept) is bounded
/// here, without parsing HTTP a second time.
final class ConnectionGuard: Sendable {
    let listener: Socket
    let backend: any SocketAddress
    let limits: PreviewLimits
    private let pool: any AsyncSocketPool
    private let active = Mutex(0)
    /// `limits.maxConnections`, or fewer if the process may not open enough descriptors for them.
    let maxConnections: Int

    /// Binds to `address` at once, so that a port in use is reported before anything runs.
    init(address: some SocketAddress, backend: any SocketAddress, limits: PreviewLimits) throws {
        listener = try Socket(domain: Int32(type(of: address).family), type: .stream)
        try listener.setValue(true, for: .localAddressReuse)
        try listener.bind(to: address)
        try listener.listen()
        self.backend = backend
        self.limits = limits
        pool = HTTPServer.defaultPool()
        maxConnections = min(limits.maxConnections, Self.connectionsWithin(descriptors: Self.descriptorLimit()))
    }

    var address: Socket.Address? { try? listener.sockname() }

    /// Accepts and relays connections until cancelled; closes the listening socket when it ends.
    func run() async throws {
        defer { try? listener.close() }
        try await pool.prepare()
        let pool = self.pool
        let listening = try AsyncSocket(socket: listener, pool: pool)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await pool.run() }
            while !Task.isCancelled {
                try await waitForSlot()
                let client: AsyncSocket
                do {
                    client = try await listening.accept()
                } catch let SocketError.failed(_, code, _) where Self.isTransient(code) {
                    // Out of descriptors or memory, or a client that left before it was accepted: the server
                    // goes on (FlyingFox's own accept loop would end on these).
                    try await Task.sleep(for: .milliseconds(code == ECONNABORTED ? 1 : 50))
                    continue
                }
                active.withLock { $0 += 1 }
                group.addTask {
                    defer { self.active.withLock { $0 -= 1 } }
                    await self.serve(client.socket)
                }
            }
            throw CancellationError()
        }
    }

    /// Connections being served now.
    var activeConnections: Int { active.withLock { $0 } }

    /// Waits while `limits.maxConnections` connections are being served.
    private func waitForSlot() async throws {
        while activeConnections >= maxConnections {
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    private func serve(_ client: Socket) async {
        let waits = SocketWaits(pool: pool)
        guard let backend = try? await AsyncSocket.connected(to: backend, pool: pool, timeout: 5) else {
            try? client.close()
            return
        }
        await GuardedConnection(client: client, backend: backend.socket, limits: limits, waits: waits).run()
    }

    /// Each connection takes three descriptors (the client's, and both ends of the private socket to
    /// FlyingFox); some are kept for the rest of the process (files read by a rebuild, the event queues). If
    /// FlyingFox could not accept the private connection for want of one, its accept loop would end.
    static func connectionsWithin(descriptors: Int) -> Int {
        max(1, (descriptors - 40) / 3)
    }

    /// The process's limit of open descriptors (its soft `RLIMIT_NOFILE`).
    static func descriptorLimit() -> Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = Int32(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < rlim_t(Int32.max) else { return Int(Int32.max) }
        return Int(clamping: limit.rlim_cur)
    }

    /// Errors of `accept` that say nothing about the listening socket itself.
    static func isTransient(_ code: Int32) -> Bool {
        [EMFILE, ENFILE, ENOBUFS, ENOMEM, ECONNABORTED, EPROTO, EPERM, EINTR, ENETDOWN, ENOPROTOOPT, EHOSTDOWN,
         EHOSTUNREACH, ENETUNREACH, EOPNOTSUPP, ETIMEDOUT].contains(code)
    }
}
