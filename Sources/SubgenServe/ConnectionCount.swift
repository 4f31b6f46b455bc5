import Foundation
import HummingbirdCore
import Synchronization

/// Counts the connections being served and caps them, through Hummingbird's `AvailableConnectionsDelegate`: at
/// the cap the server stops accepting, and new clients wait in the system's queue until a connection ends.
struct ConnectionCount: AvailableConnectionsDelegate {
    /// Shared by the copies Hummingbird keeps and the server, which reports it.
    private final class Counter: Sendable {
        let value = Atomic(0)
    }

    let limit: Int
    private let counter = Counter()

    init(limit: Int) {
        self.limit = limit
    }

    /// Connections being served now.
    var active: Int { counter.value.load(ordering: .relaxed) }

    mutating func connectionOpened() {
        counter.value.add(1, ordering: .relaxed)
    }

    mutating func connectionClosed() {
        counter.value.subtract(1, ordering: .relaxed)
    }

    func isAcceptingNewConnections() -> Bool {
        active < limit
    }

    /// Each connection takes a descriptor; some are kept for the rest of the process (files read by a rebuild,
    /// the event loops' own). NIO backs off and retries when `accept` finds none left, so this only keeps
    /// rebuilds from running short.
    static func connectionsWithin(descriptors: Int) -> Int {
        max(1, descriptors - 40)
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
}
