import Foundation
import Testing

extension ServeNetworkTests {
    /// Every request of `RequestCorpus` against a running server: the expected status (or a closed connection),
    /// no planted secret and no project source in any answer, and a normal page served quickly after each.
    @Suite struct RequestCorpusTests {
        /// What one case got back.
        struct Exchange: Sendable {
            var statuses: [Int] = []
            /// The server closed the connection (rather than the read timing out).
            var closed = false
            var received = Data()
            var elapsed: Duration = .zero
        }

        /// Sends the case's bytes on a new connection and reads the answers it expects.
        static func exchange(_ item: RequestCorpus.Case, port: Int) throws -> Exchange {
            let clock = ContinuousClock()
            let start = clock.now
            let connection = try RawConnection(port: port, timeout: 20)
            defer { connection.close() }
            // The server may refuse a request before it has all of it; what it answers is read all the same.
            connection.send(item.bytes)
            var exchange = Exchange()
            if case .statuses(let codes) = item.expected {
                for index in codes.indices {
                    guard let response = connection.readResponse(head: item.heads.contains(index)) else { break }
                    exchange.statuses.append(response.status)
                    exchange.received.append(response.body)
                }
            }
            if case .closed = item.expected {
                exchange.closed = connection.readToEnd()
                if let (response, _) = RawHTTP.parseComplete(connection.unread) { exchange.statuses.append(response.status) }
            }
            exchange.received.append(connection.unread)
            exchange.elapsed = clock.now - start
            return exchange
        }

        @Test func eachRequestGetsItsAnswerAndNothingOutsideThePackage() async throws {
            try await withHarness { harness in
                let port = harness.port
                let cases = RequestCorpus.cases
                // All at once, each followed on its own by a normal request, which must be answered quickly.
                let results = try await withThrowingTaskGroup(of: (Int, Exchange, RawHTTP.Response?, Duration).self) { group in
                    for (index, item) in cases.enumerated() {
                        group.addTask {
                            let exchange = try await RawHTTP.onThread { try Self.exchange(item, port: port) }
                            let clock = ContinuousClock()
                            let start = clock.now
                            let next = try? await RawHTTP.fetch("/html/index.html", port: port)
                            return (index, exchange, next, clock.now - start)
                        }
                    }
                    return try await group.reduce(into: [Int: (Exchange, RawHTTP.Response?, Duration)]()) { $0[$1.0] = ($1.1, $1.2, $1.3) }
                }
                for (index, item) in cases.enumerated() {
                    let (exchange, next, elapsed) = try #require(results[index])
                    switch item.expected {
                    case .statuses(let codes):
                        #expect(exchange.statuses == codes, "\(item.name): expected \(item.expected), got \(exchange.statuses)")
                    case .closed:
                        #expect(exchange.statuses.isEmpty && exchange.closed,
                            "\(item.name): expected a closed connection, got \(exchange.statuses), closed: \(exchange.closed)")
                    }
                    // Answered, or cut off when the request's time is up (3 s here), not left hanging (the client
                    // gives up after 20 s).
                    let limit = ServerHarness.testLimits.requestTimeout + ServerHarness.answerBound
                    #expect(exchange.elapsed < limit, "\(item.name): took \(exchange.elapsed)")
                    harness.expectNoSecret(in: exchange.received, item.name)
                    #expect(next?.status == 200 && next?.text.contains("</html>") == true, "\(item.name): no page afterwards")
                    #expect(elapsed < ServerHarness.answerBound, "\(item.name): the next page took \(elapsed)")
                }
                await harness.expectHealthy("after the corpus")
            }
        }
    }
}
