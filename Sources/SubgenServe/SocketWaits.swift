import FlyingSocks
import Foundation

/// Non-blocking reads and writes on FlyingSocks sockets, waiting through their pool when the socket is not
/// ready, for at most a given time.
struct SocketWaits: Sendable {
    let pool: any AsyncSocketPool

    /// The outcome of one read.
    enum Read {
        case bytes([UInt8])
        /// The peer closed its side, or the connection broke.
        case ended
        /// Nothing arrived before the deadline.
        case timedOut
    }

    /// What has arrived (up to `count` bytes), waiting until `deadline` at most (forever if nil).
    func read(_ socket: Socket, atMost count: Int, until deadline: ContinuousClock.Instant?) async throws -> Read {
        while true {
            do {
                return .bytes(try socket.read(atMost: count))
            } catch SocketError.blocked {
                guard try await wait(socket, for: .read, until: deadline) else { return .timedOut }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                return .ended
            }
        }
    }

    /// Writes all of `data`; false if the peer is gone or took nothing for `patience` (nil: waits as long as it
    /// takes).
    func write(_ data: Data, to socket: Socket, patience: Duration?) async throws -> Bool {
        var index = data.startIndex
        while index < data.endIndex {
            do {
                index = try socket.write(data, from: index)
            } catch SocketError.blocked {
                let deadline = patience.map { ContinuousClock.now + $0 }
                guard try await wait(socket, for: .write, until: deadline) else { return false }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                return false
            }
        }
        return true
    }

    /// Waits until `socket` is ready for `events`; false if `deadline` came first.
    func wait(_ socket: Socket, for events: Socket.Events, until deadline: ContinuousClock.Instant?) async throws -> Bool {
        let pool = self.pool
        guard let deadline else {
            try await pool.suspendSocket(socket, untilReadyFor: events)
            return true
        }
        guard deadline > .now else { return false }
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await pool.suspendSocket(socket, untilReadyFor: events)
                return true
            }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return false
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
    }
}
