import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension ServeNetworkTests {
    /// Clients that go away halfway: before sending anything, mid-request and mid-response (a 4 MiB file), with
    /// a FIN (`close`) or a RST (`SO_LINGER` 0). The server must neither crash (a write to a reset connection
    /// raises SIGPIPE unless the server prevents it, and SIGPIPE ends the process, tests included) nor keep the
    /// connections, and goes on answering. The server's timeouts are 30 s here, so letting go of the clients
    /// within `answerBound` is the server noticing they left, not a timeout doing it.
    @Suite struct DisconnectTests {
        @Test func clientsThatLeaveBeforeOrDuringTheRequest() async throws {
            try await withHarness(limits: ServerHarness.patientLimits) { harness in
                let port = harness.port
                try await RawHTTP.onThread {
                    for index in 0..<90 {
                        let connection = try RawConnection(port: port)
                        switch index % 3 {
                        case 0: break   // connects and leaves at once, maybe before being accepted
                        case 1: connection.send("GET /html/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
                        default: connection.send("GET /html/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        }
                        connection.close(reset: index % 2 == 0)
                    }
                }
                await harness.expectHealthy("after clients left mid-request")
                #expect(try await harness.waitUntilIdle(), "connections kept: \(harness.server.activeConnections)")
            }
        }

        @Test func clientsThatLeaveDuringALargeAnswer() async throws {
            let large = try ServerHarness.largeAttachment(megabytes: 4)
            try await withHarness(limits: ServerHarness.patientLimits, extra: large) { harness in
                let port = harness.port
                let traffic = try await NormalTraffic.during(port: port) {
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for index in 0..<20 {
                            group.addTask {
                                try await RawHTTP.onThread {
                                    let connection = try RawConnection(port: port, receiveBuffer: 16 * 1024)
                                    connection.send("GET \(ServerHarness.largePath) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                                    var received = 0
                                    while received < 256 * 1024 {
                                        let count = connection.readSome(64 * 1024)
                                        if count == 0 { break }
                                        received += count
                                    }
                                    // Unread data makes `close` a reset too; a FIN is sent by shutting down first.
                                    if index % 2 == 0 { shutdown(connection.descriptor, Int32(SHUT_WR)) }
                                    connection.close(reset: index % 2 == 1)
                                    return received
                                }
                            }
                        }
                        let received = try await group.reduce(into: [Int]()) { $0.append($1) }
                        #expect(received.allSatisfy { $0 >= 256 * 1024 }, "\(received)")
                    }
                }
                #expect(traffic.failed == 0 && traffic.served > 0 && traffic.slowest < ServerHarness.answerBound, "\(traffic)")
                await harness.expectHealthy("after clients left mid-answer")
                // None of their connections is kept.
                #expect(try await harness.waitUntilIdle(), "connections kept: \(harness.server.activeConnections)")
            }
        }
    }
}
