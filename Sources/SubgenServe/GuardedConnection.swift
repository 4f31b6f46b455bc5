import FlyingSocks
import Foundation
import Synchronization

/// One client connection passed on to FlyingFox: the client's bytes go to FlyingFox unchanged and its answers
/// come back, while the connection is held to `PreviewLimits`. A request head too large is refused with its
/// status before FlyingFox sees all of it; a client too slow, or gone quiet, is disconnected.
struct GuardedConnection: Sendable {
    let client: Socket
    let backend: Socket
    let limits: PreviewLimits
    let waits: SocketWaits

    /// What both directions know of each other.
    private final class Shared: Sendable {
        struct State {
            var lastActivity = ContinuousClock.now
            /// A request head has been passed on and no answer has come back since.
            var awaitingAnswer = false
            /// When the answer must have begun: FlyingFox gives a request `requestTimeout` (the time a body
            /// announced and never sent would take too).
            var answerDue = ContinuousClock.now
            var refusal: RequestHeadScanner.Refusal?
        }

        let state = Mutex(State())
    }

    private enum End { case inbound(timedOut: Bool), outbound }

    /// Relays until either side is done, then closes both sockets.
    func run() async {
        let shared = Shared()
        await withTaskGroup(of: End.self) { group in
            group.addTask { .inbound(timedOut: await self.relayRequests(shared)) }
            group.addTask {
                await self.relayAnswers(shared)
                return .outbound
            }
            for await end in group {
                // FlyingFox closing (or the client not taking its answers) ends everything; so does a client
                // that went quiet. A client that finished sending waits for its answers.
                if case .inbound(timedOut: false) = end { continue }
                group.cancelAll()
            }
        }
        if let refusal = shared.state.withLock({ $0.refusal }) {
            _ = try? await waits.write(Self.answer(refusal), to: client, patience: limits.writeTimeout)
        }
        try? client.close()
        try? backend.close()
    }

    /// Client to FlyingFox. Returns true if the client was cut off for being quiet or slow.
    private func relayRequests(_ shared: Shared) async -> Bool {
        var scanner = RequestHeadScanner(limits: limits)
        var headStart: ContinuousClock.Instant?
        defer { shutdown(backend.file.rawValue, Int32(SHUT_WR)) }
        do {
            while true {
                let deadline = self.deadline(shared, headStart: headStart, inHead: scanner.isInHead)
                switch try await waits.read(client, atMost: 16 * 1024, until: deadline.wake) {
                case .ended:
                    return false
                case .timedOut:
                    // Woken to look again (an answer may have been sent meanwhile), or really out of time.
                    if deadline.isFinal && self.deadline(shared, headStart: headStart, inHead: scanner.isInHead).expired {
                        return true
                    }
                case .bytes(let bytes):
                    let wasInHead = scanner.isInHead
                    let heads = scanner.completedHeads
                    if let refusal = scanner.scan(bytes) {
                        shared.state.withLock { $0.refusal = refusal }
                        return false
                    }
                    let now = ContinuousClock.now
                    if !wasInHead || scanner.completedHeads > heads { headStart = scanner.isInHead ? now : nil }
                    shared.state.withLock {
                        $0.lastActivity = now
                        if scanner.completedHeads > heads {
                            $0.awaitingAnswer = true
                            $0.answerDue = now + limits.requestTimeout + .seconds(1)
                        }
                    }
                    guard try await waits.write(Data(bytes), to: backend, patience: nil) else { return false }
                }
            }
        } catch {
            return false
        }
    }

    /// When the client must have sent more: `wake` is when to look again, `isFinal` whether the connection is
    /// closed if nothing came by then.
    private struct Deadline {
        var wake: ContinuousClock.Instant
        var isFinal: Bool
        var expired: Bool { isFinal && wake <= .now }
    }

    private func deadline(_ shared: Shared, headStart: ContinuousClock.Instant?, inHead: Bool) -> Deadline {
        let (lastActivity, awaiting, due) = shared.state.withLock { ($0.lastActivity, $0.awaitingAnswer, $0.answerDue) }
        var quietUntil = lastActivity + limits.idleTimeout
        if inHead, let headStart { quietUntil = min(quietUntil, headStart + limits.headerTimeout) }
        // While FlyingFox works on an answer the client need not say more: look again later, up to when the
        // answer is due.
        if awaiting {
            let wake = min(.now + limits.idleTimeout, due)
            return Deadline(wake: wake, isFinal: wake == due)
        }
        return Deadline(wake: quietUntil, isFinal: true)
    }

    /// FlyingFox to client, until FlyingFox closes or the client stops taking the answers.
    private func relayAnswers(_ shared: Shared) async {
        do {
            while true {
                guard case .bytes(let bytes) = try await waits.read(backend, atMost: 64 * 1024, until: nil) else { return }
                shared.state.withLock {
                    $0.awaitingAnswer = false
                    $0.lastActivity = .now
                }
                guard try await waits.write(Data(bytes), to: client, patience: limits.writeTimeout) else { return }
                shared.state.withLock { $0.lastActivity = .now }
            }
        } catch {
            return
        }
    }

    /// The short answer to a refused request, which also closes the connection.
    static func answer(_ refusal: RequestHeadScanner.Refusal) -> Data {
        let (phrase, text): (String, String)
        switch refusal {
        case .targetTooLong: (phrase, text) = ("URI Too Long", "the request target is too long\n")
        case .headTooLarge: (phrase, text) = ("Request Header Fields Too Large", "the request head is too large\n")
        case .badRequest: (phrase, text) = ("Bad Request", "the request is not HTTP\n")
        }
        let head = "HTTP/1.1 \(refusal.rawValue) \(phrase)\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: \(text.utf8.count)\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n"
        return Data((head + text).utf8)
    }
}
