import Foundation
import SubgenServe
import SubgenTestSupport
import Synchronization
import Testing

extension ServeNetworkTests {
    /// 200 clients at once for 10 s, each on a thread of its own: half keep their connection for request after
    /// request, half open one per request, and one in ten waits on the reload signal instead. Every answer must
    /// be complete and byte for byte what a single client gets; the figures are printed (docs/preview-server.md
    /// quotes them).
    @Suite struct LoadTests {
        static let clients = 200
        static let duration: Duration = .seconds(10)
        static let targets = [
            "/html/index.html", "/html/01-risk-management.html", "/html/03-architecture.html", "/html/style.css",
            "/views/VIEW-001.svg", "/markdown/README.md", "/sbom/merged.cdx.json", "/attachments/junit.xml",
        ]

        /// What one client saw.
        struct Tally: Sendable {
            var latencies: [Duration] = []
            var polls = 0
            var errors: [String] = []
        }

        /// One client's loop until `deadline`.
        static func client(
            _ index: Int, port: Int, expected: [String: Data], version: String, until deadline: ContinuousClock.Instant
        ) -> Tally {
            var tally = Tally()
            let clock = ContinuousClock()
            let polls = index % 10 == 9
            let keepAlive = index % 2 == 0
            var connection: RawConnection?
            var round = index
            while clock.now < deadline {
                round += 1
                let target = polls ? "/__subgen/version?since=\(version)" : targets[round % targets.count]
                let start = clock.now
                do {
                    if connection == nil { connection = try RawConnection(port: port, timeout: 10) }
                    let request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n"
                    guard connection!.send(request), let response = connection!.readResponse() else {
                        throw RawHTTP.Failure.read
                    }
                    let elapsed = clock.now - start
                    let body = polls ? Data("\(version)\n".utf8) : expected[target]
                    if response.status != 200 || response.body != body {
                        tally.errors.append("\(target): \(response.status), \(response.body.count) bytes")
                    } else if polls {
                        tally.polls += 1
                    } else {
                        tally.latencies.append(elapsed)
                    }
                } catch {
                    tally.errors.append("\(target): no complete answer (\(error))")
                    connection = nil
                }
                if !keepAlive { connection = nil }
            }
            return tally
        }

        static func milliseconds(_ duration: Duration) -> String {
            String(format: "%.1f", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
        }

        @Test func twoHundredClientsForTenSeconds() async throws {
            let limits = PreviewLimits(longPoll: .seconds(2))
            try await withHarness(limits: limits) { harness in
                let port = harness.port
                var expected: [String: Data] = [:]
                for target in Self.targets {
                    let answer = try await harness.get(target)
                    try #require(answer.status == 200, "\(target)")
                    expected[target] = answer.body
                }
                let version = try await harness.get("/__subgen/version").text.trimmingCharacters(in: .newlines)
                let deadline = ContinuousClock.now + Self.duration
                let tallies = try await withThrowingTaskGroup(of: Tally.self) { group in
                    for index in 0..<Self.clients {
                        group.addTask { [expected] in
                            try await RawHTTP.onThread { Self.client(index, port: port, expected: expected, version: version, until: deadline) }
                        }
                    }
                    return try await group.reduce(into: [Tally]()) { $0.append($1) }
                }
                let latencies = tallies.flatMap(\.latencies).sorted()
                let errors = tallies.flatMap(\.errors)
                let polls = tallies.reduce(0) { $0 + $1.polls }
                try #require(!latencies.isEmpty)
                let percentile = { (p: Double) in latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
                print("""
                    load: \(Self.clients) clients for \(Self.duration): \(latencies.count) page requests \
                    (\(latencies.count / 10)/s) and \(polls) long polls answered, \(errors.count) errors; latency ms \
                    p50 \(Self.milliseconds(percentile(0.5))), p90 \(Self.milliseconds(percentile(0.9))), \
                    p99 \(Self.milliseconds(percentile(0.99))), max \(Self.milliseconds(latencies.last!))
                    """)
                #expect(errors.isEmpty, "\(errors.count) errors, first: \(errors.prefix(5))")
                #expect(Double(polls) >= 18 * 4 / TestSlack.factor, "long polls answered: \(polls)")
                await harness.expectHealthy("after the load")
                #expect(try await harness.waitUntilIdle(), "connections kept: \(harness.server.activeConnections)")
            }
        }
    }
}
