@testable import SubgenServe
import Testing

/// The guard's line counting and the `Host` reading, without a server.
@Suite struct GuardPartsTests {
    static let limits = PreviewLimits(maxTargetLength: 64, maxFieldLineLength: 32, maxHeadBytes: 128)

    @Test func headsEndWithAnEmptyLineWhateverTheLineEnds() {
        var scanner = RequestHeadScanner(limits: Self.limits)
        #expect(scanner.scan(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\nHost: a\n\n".utf8)) == nil)
        #expect(scanner.completedHeads == 2 && !scanner.isInHead)
        #expect(scanner.scan(Array("GET /y HT".utf8)) == nil)
        #expect(scanner.isInHead && scanner.completedHeads == 2)
    }

    @Test func overLongLinesAndHeadsAreRefused() {
        var target = RequestHeadScanner(limits: Self.limits)
        #expect(target.scan(Array(("GET /" + String(repeating: "a", count: 100)).utf8)) == .targetTooLong)
        var notHTTP = RequestHeadScanner(limits: Self.limits)
        #expect(notHTTP.scan(Array(repeating: UInt8(ascii: "x"), count: 100)) == .badRequest)
        var field = RequestHeadScanner(limits: Self.limits)
        #expect(field.scan(Array(("GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: 40)).utf8)) == .headTooLarge)
        var head = RequestHeadScanner(limits: Self.limits)
        let fields = (0..<40).map { "X-\($0): 1\r\n" }.joined()
        #expect(head.scan(Array(("GET / HTTP/1.1\r\n" + fields).utf8)) == .headTooLarge)
    }

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
}
