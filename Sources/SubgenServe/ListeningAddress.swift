import NIOCore
import Synchronization

/// Where a `PreviewServer` listens, as far as is known yet: `url()` waits here until the server is bound (after
/// the first build), or has failed to bind, and `stop()` until `run()` has ended.
final class ListeningAddress: Sendable {
    private struct State {
        var address: SocketAddress?
        var failure: (any Error)?
        var finished = false
    }

    private let state = Mutex(State())

    func bound(to address: SocketAddress?) {
        state.withLock { $0.address = address }
    }

    func failed(_ error: any Error) {
        state.withLock { if $0.address == nil { $0.failure = error } }
    }

    func finish() {
        state.withLock { $0.finished = true }
    }

    /// The bound address; throws the error the server ended with before it was bound.
    func address() async throws -> SocketAddress? {
        while true {
            let (address, failure, finished) = state.withLock { ($0.address, $0.failure, $0.finished) }
            if let address { return address }
            if let failure { throw failure }
            if finished { return nil }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Returns once `run()` has ended, or after `limit`.
    func waitUntilFinished(within limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while !state.withLock({ $0.finished }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// A continuation that the first of several racing callers resumes; the others are ignored.
final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, Never>?>

    init(_ continuation: CheckedContinuation<T, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(returning value: T) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }
}

/// A flag raised once, from any thread: the server is stopping, or has ended.
final class Flag: Sendable {
    private let value = Atomic(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() {
        value.store(true, ordering: .releasing)
    }
}
