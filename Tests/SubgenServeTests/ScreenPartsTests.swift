@testable import SubgenServe
import Testing

/// The `Host` reading, the request screen and the long-poll clamp, without a server.
@Suite struct ScreenPartsTests {
    @Test(arguments: [
        ("127.0.0.1", HostName.address), ("127.0.0.1:8080", .address), ("[::1]:80", .address), ("[::1]", .address),
        ("10.1.2.3", .address), ("localhost", .localhost), ("LOCALHOST.:1", .localhost), ("docs.localhost", .localhost),
        ("attacker.example", .name), ("localhost.attacker.example", .name), ("", .malformed), ("a@b", .malformed),
        ("a/b", .malformed), ("localhost:http", .malformed), ("localhost:99999", .malformed), ("[::1", .malformed),
        ("[::1]x", .malformed), ("[nonsense]:1", .malformed), ("exa mple", .malformed),
    ])
    func hostValues(_ value: String, _ expected: HostName) {
        #expect(HostName(value) == expected, "\(value)")
    }

    @Test func theLongPollEndsBeforeTheRequestTimeout() {
        #expect(PreviewLimits().effectiveLongPoll == .seconds(20))
        #expect(PreviewLimits(longPoll: .seconds(30), requestTimeout: .seconds(5)).effectiveLongPoll == .seconds(4))
    }

    @Test func theScreenChecksSizeHostAndMethodBeforeThePath() {
        let screen = RequestScreen(limits: PreviewLimits(maxTargetLength: 16), acceptsAnyHostName: false)
        #expect(screen.screen(method: .get, host: "127.0.0.1", target: "/html/a.html?x=1") == .path("html/a.html"))
        #expect(screen.screen(method: .get, host: "127.0.0.1", target: "/" + String(repeating: "a", count: 16))
            == .refused(.uriTooLong, "the request target is too long"))
        #expect(screen.screen(method: .get, host: nil, target: "/") == .refused(.badRequest, "no Host header"))
        #expect(screen.screen(method: .get, host: "evil.example", target: "/")
            == .refused(.forbidden, "this server answers to localhost only"))
        #expect(screen.screen(method: .post, host: "localhost", target: "/")
            == .refused(.methodNotAllowed, "only GET and HEAD are supported"))
        let network = RequestScreen(limits: PreviewLimits(), acceptsAnyHostName: true)
        #expect(network.screen(method: .head, host: "build-box.example:8080", target: "/") == .path(""))
    }

    @Test func theLongPollReadsItsVersionFromTheQuery() {
        #expect(PreviewResponder.since(in: "/__subgen/version?since=12") == 12)
        #expect(PreviewResponder.since(in: "/__subgen/version?a=b&since=3") == 3)
        #expect(PreviewResponder.since(in: "/__subgen/version") == nil)
        #expect(PreviewResponder.since(in: "/__subgen/version?since=x") == nil)
    }
}
