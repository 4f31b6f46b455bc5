import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension ServeNetworkTests {
    /// Clients that take their time: connections that never send anything, requests sent a byte at a time
    /// (slowloris), answers read slowly or not at all. Meanwhile a normal client is served in bounded time, and
    /// the server lets go of every slow connection within its limits (idle 0.7 s, body 1.5 s, write 0.7 s here,
    /// 1.5 s for the slow readers). Each client would go on for at least 15 s if the server did not let go, well
    /// over `ServerHarness.answerBound`, the bound on both the cut-off and the normal client's pages.
    @Suite struct SlowClientTests {
        static let bound = ServerHarness.answerBound

        @Test func connectionsThatNeverSendAreClosed() async throws {
            try await withHarness { harness in
                let port = harness.port
                let traffic = try await NormalTraffic.during(port: port) {
                    let closed = try await withThrowingTaskGroup(of: Duration?.self) { group in
                        for _ in 0..<40 {
                            group.addTask {
                                try await RawHTTP.onThread {
                                    let connection = try RawConnection(port: port, timeout: 20)
                                    let clock = ContinuousClock()
                                    let start = clock.now
                                    // The server closes it: end of stream, not a read timing out.
                                    return connection.readToEnd() ? clock.now - start : nil
                                }
                            }
                        }
                        return try await group.reduce(into: [Duration?]()) { $0.append($1) }
                    }
                    #expect(closed.allSatisfy { $0 != nil && $0! < Self.bound }, "quiet connections left open: \(closed)")
                }
                #expect(traffic.failed == 0 && traffic.served > 0 && traffic.slowest < Self.bound, "\(traffic)")
                #expect(try await harness.waitUntilIdle())
            }
        }

        @Test func aRequestSentAByteAtATimeIsCutOff() async throws {
            try await withHarness { harness in
                let port = harness.port
                let traffic = try await NormalTraffic.during(port: port) {
                    let outcomes = try await withThrowingTaskGroup(of: (Bool, Duration).self) { group in
                        for _ in 0..<10 {
                            group.addTask {
                                try await RawHTTP.onThread {
                                    let connection = try RawConnection(port: port, timeout: 20)
                                    let clock = ContinuousClock()
                                    let start = clock.now
                                    // A byte every 100 ms (for 15 s) never leaves the connection quiet for the
                                    // idle timeout, and the head never ends.
                                    let head = Array("GET /html/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8)
                                        + Array(repeating: UInt8(ascii: "X"), count: 100)
                                    for byte in head {
                                        guard connection.send([byte]) else { break }
                                        Thread.sleep(forTimeInterval: 0.1)
                                    }
                                    return (connection.readToEnd(), clock.now - start)
                                }
                            }
                        }
                        return try await group.reduce(into: [(Bool, Duration)]()) { $0.append($1) }
                    }
                    // The idle timeout (0.7 s), which trickling bytes do not extend; without it they go on for 15 s.
                    #expect(outcomes.allSatisfy { $0.0 && $0.1 < Self.bound }, "\(outcomes)")
                }
                #expect(traffic.failed == 0 && traffic.served > 0 && traffic.slowest < Self.bound, "\(traffic)")
                #expect(try await harness.waitUntilIdle())
            }
        }

        @Test func aBodySentAByteAtATimeIsCutOff() async throws {
            try await withHarness { harness in
                let port = harness.port
                let outcomes = try await withThrowingTaskGroup(of: (Bool, Duration).self) { group in
                    for _ in 0..<5 {
                        group.addTask {
                            try await RawHTTP.onThread {
                                let connection = try RawConnection(port: port, timeout: 20)
                                let clock = ContinuousClock()
                                let start = clock.now
                                // Each byte is activity to the idle timeout; the body never ends.
                                connection.send("GET /html/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n")
                                for _ in 0..<150 {
                                    guard connection.send([UInt8(ascii: "x")]) else { break }
                                    Thread.sleep(forTimeInterval: 0.1)
                                }
                                return (connection.readToEnd(), clock.now - start)
                            }
                        }
                    }
                    return try await group.reduce(into: [(Bool, Duration)]()) { $0.append($1) }
                }
                // The body timeout (1.5 s); without it they go on for 15 s.
                #expect(outcomes.allSatisfy { $0.0 && $0.1 < Self.bound }, "\(outcomes)")
                #expect(try await harness.waitUntilIdle())
            }
        }

        @Test func slowReadersGetTheWholeAnswerAndStalledOnesAreLetGo() async throws {
            let large = try ServerHarness.largeAttachment(megabytes: 4)
            let expected = try #require(large["cppcheck.sarif"])
            // A write timeout of 1.5 s: the slow reader's pauses are well below it, the stalled one's well above.
            var limits = ServerHarness.testLimits
            limits.writeTimeout = .milliseconds(1500)
            try await withHarness(limits: limits, extra: large) { harness in
                let port = harness.port
                let request = "GET \(ServerHarness.largePath) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                let traffic = try await NormalTraffic.during(port: port) {
                    async let slow = RawHTTP.onThread {
                        // Stops for 0.3 s after every MiB: slow, but never still for the write timeout.
                        let connection = try RawConnection(port: port, receiveBuffer: 16 * 1024, timeout: 20)
                        connection.send(request)
                        var sincePause = 0
                        while case let count = connection.readSome(64 * 1024), count > 0 {
                            sincePause += count
                            if sincePause >= 1_048_576 {
                                sincePause = 0
                                Thread.sleep(forTimeInterval: 0.3)
                            }
                        }
                        return RawHTTP.parseComplete(connection.unread)?.0
                    }
                    async let stalled = RawHTTP.onThread {
                        let connection = try RawConnection(port: port, receiveBuffer: 16 * 1024, timeout: 20)
                        connection.send(request)
                        _ = connection.readSome(4096)
                        // Takes nothing more for over three times the write timeout, then reads what is left.
                        Thread.sleep(forTimeInterval: 5)
                        let ended = connection.readToEnd()
                        return (ended, connection.unread.count)
                    }
                    let response = try await slow
                    #expect(response?.status == 200 && response?.body == expected, "the slow reader did not get the whole file")
                    let (ended, received) = try await stalled
                    #expect(ended && received < expected.count, "the stalled reader was not let go (\(received) bytes)")
                }
                #expect(traffic.failed == 0 && traffic.served > 0 && traffic.slowest < Self.bound, "\(traffic)")
                #expect(try await harness.waitUntilIdle())
            }
        }
    }
}
