import Foundation
import SubgenServe
import Testing

extension ServeNetworkTests {
    /// The reload signal pages poll (`/__subgen/version?since=N`) and the refusals' headers.
    @Suite struct ReloadSignalTests {
        @Test func theLongPollAnswersWithTheVersionBeforeTheRequestIsCutOff() async throws {
            // A long poll longer than a request may take was cut off with a 500 under FlyingFox (after 15 s by
            // default, with a 20 s poll), and the page script took the empty answer for a new version and reloaded.
            var limits = ServerHarness.testLimits
            limits.longPoll = .seconds(30)
            limits.requestTimeout = .seconds(2)
            try await withHarness(limits: limits) { harness in
                let version = try await harness.get("/__subgen/version").text.trimmingCharacters(in: .newlines)
                let clock = ContinuousClock()
                let start = clock.now
                let answer = try await harness.get("/__subgen/version?since=\(version)")
                let elapsed = clock.now - start
                #expect(answer.status == 200 && answer.text == "\(version)\n", "\(answer.status) \(answer.text)")
                #expect(elapsed > .seconds(0.8) && elapsed < ServerHarness.answerBound, "\(elapsed)")
            }
        }

        @Test func pagesReloadOnlyForANewVersionNumber() async throws {
            try await withHarness { harness in
                let page = try await harness.get("/html/index.html").text
                #expect(page.contains("if(!r.ok){throw r.status;}") && page.contains("if(isNaN(n)){throw t;}"))
            }
        }

        @Test func refusedMethodsAreToldWhatIsAllowed() async throws {
            try await withHarness { harness in
                let answer = try await harness.get("/html/index.html", method: "DELETE")
                #expect(answer.status == 405 && answer.headers["allow"] == "GET, HEAD")
            }
        }
    }
}
