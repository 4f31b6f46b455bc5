import Foundation

/// Hostile and malformed requests, each with what the server must do with it. Written byte for byte: URL
/// libraries would normalise most of them before sending.
enum RequestCorpus {
    /// What the server does with a request.
    enum Outcome: Sendable, CustomStringConvertible {
        /// These statuses, one response per request sent (pipelined requests get one each).
        case statuses([Int])
        /// The connection is closed without a response (the request never ends, or its body never comes).
        case closed

        static func status(_ code: Int) -> Outcome { .statuses([code]) }

        var description: String {
            switch self {
            case .statuses(let codes): return codes.map(String.init).joined(separator: ", ")
            case .closed: return "closed"
            }
        }
    }

    struct Case: Sendable {
        let name: String
        let bytes: [UInt8]
        let expected: Outcome
        /// Which of the responses answer a HEAD request (and so have no body).
        var heads: Set<Int> = []
    }

    /// A request line and headers (`Host: 127.0.0.1` and `Connection: close` unless `plain`), ended by an
    /// empty line, then `body`.
    static func request(_ line: String, headers: [String] = [], plain: Bool = false, body: [UInt8] = []) -> [UInt8] {
        let all = (plain ? [] : ["Host: 127.0.0.1", "Connection: close"]) + headers
        return Array((([line] + all).joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }

    static func get(_ target: String, headers: [String] = []) -> [UInt8] {
        request("GET \(target) HTTP/1.1", headers: headers)
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let cases: [Case] = traversal + targets + methodsAndVersions + headers + bodies + pipelining + hosts

    /// Paths that try to leave the package, or to name project files that are not package files.
    static let traversal: [Case] = [
        Case(name: "dot-dot", bytes: get("/../subgen.md"), expected: .status(400)),
        Case(name: "dot-dot below a folder", bytes: get("/html/../../outside-secret.txt"), expected: .status(400)),
        Case(name: "dot-dot at the end", bytes: get("/html/.."), expected: .status(400)),
        Case(name: "dot segment", bytes: get("/html/./index.html"), expected: .status(400)),
        Case(name: "encoded dot-dot", bytes: get("/%2e%2e/subgen.md"), expected: .status(400)),
        Case(name: "encoded dot-dot, capitals", bytes: get("/%2E%2E/%2E%2E/outside-secret.txt"), expected: .status(400)),
        Case(name: "encoded slashes", bytes: get("/html/%2e%2e%2f%2e%2e%2fsubgen.md"), expected: .status(400)),
        Case(name: "half encoded", bytes: get("/..%2f..%2foutside-secret.txt"), expected: .status(400)),
        Case(name: "overlong UTF-8 dot", bytes: get("/%c0%ae%c0%ae/subgen.md"), expected: .status(400)),
        Case(name: "double encoded dot-dot", bytes: get("/%252e%252e/subgen.md"), expected: .status(404)),
        Case(name: "double encoded slashes", bytes: get("/html/%252e%252e%252fsubgen.md"), expected: .status(404)),
        Case(name: "backslashes", bytes: get("/html/..\\..\\subgen.md"), expected: .status(400)),
        Case(name: "encoded backslashes", bytes: get("/html/%5c..%5c..%5csubgen.md"), expected: .status(400)),
        Case(name: "encoded NUL", bytes: get("/html/index.html%00.txt"), expected: .status(400)),
        Case(name: "raw NUL", bytes: get("/subgen.md\u{0}"), expected: .status(400)),
        Case(name: "encoded control character", bytes: get("/html/index.html%0d%0aX-Injected:%201"), expected: .status(400)),
        Case(name: "double slash", bytes: get("//etc/passwd"), expected: .status(404)),
        Case(name: "encoded root", bytes: get("/%2fetc%2fpasswd"), expected: .status(404)),
        Case(name: "system file", bytes: get("/etc/passwd"), expected: .status(404)),
        Case(name: "project source", bytes: get("/subgen.md"), expected: .status(404)),
        Case(name: "project source in a folder", bytes: get("/project/subgen.md"), expected: .status(404)),
        Case(name: "file in the project", bytes: get("/inside-secret.txt"), expected: .status(404)),
        Case(name: "hidden file in the project", bytes: get("/.hidden-secret"), expected: .status(404)),
        Case(name: "evidence source", bytes: get("/sbom.cdx.json"), expected: .status(404)),
        Case(name: "folder", bytes: get("/html/"), expected: .status(404)),
        Case(name: "bad percent encoding", bytes: get("/html/%"), expected: .status(400)),
        Case(name: "bad percent digits", bytes: get("/html/%zzindex.html"), expected: .status(400)),
        Case(name: "encoded invalid UTF-8", bytes: get("/html/%ff%fe.html"), expected: .status(400)),
        // NIO's parser refuses bytes outside ASCII in the target: 400, and the connection is closed.
        Case(name: "raw invalid UTF-8", bytes: [UInt8]("GET /html/".utf8) + [0xff, 0xfe] + get(".html").dropFirst(4),
            expected: .status(400)),
    ]

    /// Targets that are not plain paths.
    static let targets: [Case] = [
        Case(name: "absolute form", bytes: get("http://127.0.0.1/html/index.html"), expected: .status(200)),
        Case(name: "absolute form with dot-dot", bytes: get("http://127.0.0.1/../outside-secret.txt"), expected: .status(400)),
        // Hummingbird hands over only the path of an absolute-form target and keeps `Host` (127.0.0.1 here) as the
        // authority. Browsers never send this form to a server that is not a proxy, so DNS rebinding cannot use it.
        Case(name: "absolute form, other host", bytes: get("http://attacker.example/html/index.html"), expected: .status(200)),
        Case(name: "absolute form, other host and Host", bytes: request("GET http://attacker.example/html/index.html HTTP/1.1",
            headers: ["Host: attacker.example"], plain: true), expected: .status(403)),
        // Taken for its path, `/etc/passwd`, which names no package file.
        Case(name: "file URL", bytes: get("file:///etc/passwd"), expected: .status(404)),
        Case(name: "relative target", bytes: get("html/index.html"), expected: .status(400)),
        Case(name: "asterisk", bytes: get("*"), expected: .status(400)),
        Case(name: "query and fragment", bytes: get("/html/index.html?x=../../subgen.md#top"), expected: .status(200)),
        Case(name: "4 KiB target", bytes: get("/" + String(repeating: "a", count: 4095)), expected: .status(404)),
        Case(name: "just over 4 KiB target", bytes: get("/" + String(repeating: "a", count: 4100)), expected: .status(414)),
        // Past the 8 KiB a header field may have, NIO's parser refuses the target itself.
        Case(name: "9 KiB target", bytes: get("/" + String(repeating: "a", count: 9 * 1024)), expected: .status(400)),
        Case(name: "100 KiB target", bytes: get("/" + String(repeating: "a/", count: 50 * 1024)), expected: .status(400)),
        Case(name: "100 KiB query", bytes: get("/html/index.html?" + String(repeating: "q", count: 100 * 1024)), expected: .status(400)),
    ]

    static let methodsAndVersions: [Case] = [
        Case(name: "HEAD", bytes: request("HEAD /html/index.html HTTP/1.1"), expected: .status(200), heads: [0]),
        Case(name: "POST", bytes: request("POST /html/index.html HTTP/1.1", headers: ["Content-Length: 2"], body: bytes("{}")),
            expected: .status(405)),
        Case(name: "PUT", bytes: request("PUT /subgen.md HTTP/1.1", headers: ["Content-Length: 1"], body: bytes("x")),
            expected: .status(405)),
        Case(name: "DELETE", bytes: request("DELETE /html/index.html HTTP/1.1"), expected: .status(405)),
        Case(name: "OPTIONS asterisk", bytes: request("OPTIONS * HTTP/1.1"), expected: .status(405)),
        Case(name: "TRACE", bytes: request("TRACE / HTTP/1.1"), expected: .status(405)),
        Case(name: "CONNECT", bytes: request("CONNECT 127.0.0.1:22 HTTP/1.1"), expected: .status(405)),
        // NIO's parser knows the methods of RFC 9110 and WebDAV, matched with case (as RFC 9110 says), and
        // refuses others with 400.
        Case(name: "unknown method", bytes: request("BREW /html/index.html HTTP/1.1"), expected: .status(400)),
        Case(name: "method with a bad character", bytes: request("G(T /html/index.html HTTP/1.1"), expected: .status(400)),
        Case(name: "lowercase method", bytes: request("get /html/index.html HTTP/1.1"), expected: .status(400)),
        Case(name: "HTTP/1.0", bytes: request("GET /html/index.html HTTP/1.0", headers: ["Host: 127.0.0.1"], plain: true),
            expected: .status(200)),
        // Hummingbird does not pass the version on, so a request without `Host` is refused whatever its version.
        Case(name: "HTTP/1.0 without Host", bytes: request("GET /html/index.html HTTP/1.0", plain: true), expected: .status(400)),
        // NIO's parser takes HTTP/1.0 and 1.1 only.
        Case(name: "HTTP/1.2", bytes: request("GET /html/index.html HTTP/1.2"), expected: .status(400)),
        Case(name: "HTTP/3.0", bytes: request("GET /html/index.html HTTP/3.0"), expected: .status(400)),
        Case(name: "bad version", bytes: request("GET /html/index.html HTTP/x"), expected: .status(400)),
        Case(name: "not HTTP", bytes: request("GET /html/index.html FTP/1.1"), expected: .status(400)),
        // What NIO's parser cannot read gets 400, and the connection is closed.
        Case(name: "HTTP/2 preface", bytes: bytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), expected: .status(400)),
        Case(name: "HTTP/0.9", bytes: bytes("GET /html/index.html\r\n"), expected: .closed),
        Case(name: "missing version", bytes: bytes("GET /html/index.html\r\nHost: 127.0.0.1\r\n\r\n"), expected: .status(400)),
        Case(name: "empty request line", bytes: bytes("\r\n\r\n"), expected: .closed),
        // NIO's parser takes a run of spaces as one: the target is `/html/index.html` all the same.
        Case(name: "extra spaces", bytes: request("GET  /html/index.html  HTTP/1.1"), expected: .status(200)),
        Case(name: "TLS handshake", bytes: [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03] + Array(repeating: 0x41, count: 64),
            expected: .status(400)),
        Case(name: "garbage", bytes: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }, expected: .status(400)),
        Case(name: "never ends", bytes: bytes("GET /html/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n"), expected: .closed),
    ]

    static let headers: [Case] = [
        // NIO's parser refuses a head over its limits (8 KiB a field, 16 KiB and 100 fields in all) with 400.
        Case(name: "100 KiB header", bytes: get("/html/index.html", headers: ["X-Big: " + String(repeating: "b", count: 100 * 1024)]),
            expected: .status(400)),
        Case(name: "40 headers of 1 KiB", bytes: get("/html/index.html", headers: (0..<40).map { "X-H\($0): " + String(repeating: "h", count: 1024) }),
            expected: .status(400)),
        Case(name: "500 headers", bytes: get("/html/index.html", headers: (0..<500).map { "X-Many-\($0): 1" }), expected: .status(400)),
        Case(name: "50 headers", bytes: get("/html/index.html", headers: (0..<50).map { "X-Some-\($0): 1" }), expected: .status(200)),
        // Counted one by one, not merged.
        Case(name: "repeated header", bytes: get("/html/index.html", headers: Array(repeating: "X-Same: 1", count: 500)), expected: .status(400)),
        Case(name: "line without colon", bytes: get("/html/index.html", headers: ["Just some text"]), expected: .status(400)),
        // Bytes outside ASCII are allowed in a field value (RFC 9110's obs-text); this field is never read.
        Case(name: "invalid UTF-8 in a header", bytes: get("/html/index.html", headers: ["X-Bad: a"]).dropLast(4) + [0xc3, 0x28] + bytes("\r\n\r\n"),
            expected: .status(200)),
        Case(name: "range", bytes: get("/html/style.css", headers: ["Range: bytes=0-10"]), expected: .status(200)),
        Case(name: "odd range", bytes: get("/html/style.css", headers: ["Range: bytes=-99999999999999999999,5-1"]), expected: .status(200)),
    ]

    static let bodies: [Case] = [
        Case(name: "body on GET", bytes: get("/html/index.html", headers: ["Content-Length: 11"]) + bytes("hello world"), expected: .status(200)),
        // The answer comes from the head; Hummingbird reads the body past and drops it, a piece at a time.
        Case(name: "large body on GET", bytes: get("/html/index.html", headers: ["Content-Length: 100000"]) + Array(repeating: 0x78, count: 100_000),
            expected: .status(200)),
        // Answered at once; the connection is closed when the body has not come within the body timeout.
        Case(name: "large body announced, never sent", bytes: get("/html/index.html", headers: ["Content-Length: 100000"]),
            expected: .status(200)),
        Case(name: "body shorter than announced", bytes: get("/html/index.html", headers: ["Content-Length: 10"]) + bytes("abc"),
            expected: .status(200)),
        // NIO's parser refuses a bad `Content-Length` with 400.
        Case(name: "negative Content-Length", bytes: get("/html/index.html", headers: ["Content-Length: -1"]), expected: .status(400)),
        Case(name: "text Content-Length", bytes: get("/html/index.html", headers: ["Content-Length: abc"]), expected: .status(400)),
        Case(name: "huge Content-Length", bytes: get("/html/index.html", headers: ["Content-Length: 99999999999999999999999"]),
            expected: .status(400)),
        // Answered from the head; a bad chunk then ends the connection, and a good body is read past.
        Case(name: "chunked body on GET", bytes: get("/html/index.html", headers: ["Transfer-Encoding: chunked"]) + bytes("5\r\nhello\r\n0\r\n\r\n"),
            expected: .status(200)),
        Case(name: "bad chunk size", bytes: get("/html/index.html", headers: ["Transfer-Encoding: chunked"]) + bytes("zz\r\nhello\r\n0\r\n\r\n"),
            expected: .status(200)),
        Case(name: "overflowing chunk size", bytes: get("/html/index.html", headers: ["Transfer-Encoding: chunked"]) + bytes("fffffffffffffffffff\r\nx\r\n"),
            expected: .status(200)),
        Case(name: "chunked body never ends", bytes: get("/html/index.html", headers: ["Transfer-Encoding: chunked"]) + bytes("5\r\nhello\r\n"),
            expected: .status(200)),
        Case(name: "chunked body, then a request",
            bytes: request("GET /html/style.css HTTP/1.1", headers: ["Host: 127.0.0.1", "Transfer-Encoding: chunked"], plain: true)
                + bytes("5\r\nhello\r\n0\r\n\r\n") + get("/html/index.html"),
            expected: .statuses([200])),
        // Both framings at once is how requests are smuggled past proxies: 400.
        Case(name: "chunked and Content-Length", bytes: get("/html/index.html", headers: ["Transfer-Encoding: chunked", "Content-Length: 5"]) + bytes("0\r\n\r\n"),
            expected: .status(400)),
        // Answered from the head; what follows is taken for a body running to the end of the connection, never
        // for another request.
        Case(name: "unknown transfer coding", bytes: get("/html/index.html", headers: ["Transfer-Encoding: gzip"]), expected: .status(200)),
    ]

    static let pipelining: [Case] = [
        Case(name: "three pipelined requests",
            bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: 127.0.0.1"], plain: true)
                + request("GET /../subgen.md HTTP/1.1", headers: ["Host: 127.0.0.1"], plain: true)
                + request("HEAD /html/style.css HTTP/1.1", headers: []),
            expected: .statuses([200, 400, 200]), heads: [2]),
        Case(name: "pipelined after a body",
            bytes: request("GET /html/style.css HTTP/1.1", headers: ["Host: 127.0.0.1", "Content-Length: 3"], plain: true, body: bytes("abc"))
                + get("/html/index.html"),
            expected: .statuses([200, 200])),
        Case(name: "smuggled request in a body",
            bytes: request("GET /html/style.css HTTP/1.1", headers: ["Host: 127.0.0.1", "Content-Length: 39"],
                plain: true, body: bytes("GET /../subgen.md HTTP/1.1\r\nHost: x\r\n\r\n"))
                + get("/html/index.html"),
            expected: .statuses([200, 200])),
    ]

    static let hosts: [Case] = [
        Case(name: "no Host", bytes: request("GET /html/index.html HTTP/1.1", plain: true), expected: .status(400)),
        Case(name: "empty Host", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: "], plain: true), expected: .status(400)),
        Case(name: "other Host", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: attacker.example"], plain: true),
            expected: .status(403)),
        Case(name: "Host that starts like localhost", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: localhost.attacker.example"], plain: true),
            expected: .status(403)),
        Case(name: "Host with user info", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: 127.0.0.1@attacker.example"], plain: true),
            expected: .status(400)),
        Case(name: "Host with a path", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: 127.0.0.1/../x"], plain: true),
            expected: .status(400)),
        Case(name: "Host with a bad port", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: localhost:http"], plain: true),
            expected: .status(400)),
        Case(name: "localhost with port", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: localhost:8080"], plain: true),
            expected: .status(200)),
        Case(name: "LOCALHOST", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: LOCALHOST."], plain: true),
            expected: .status(200)),
        Case(name: "IPv6 loopback", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: [::1]:80"], plain: true),
            expected: .status(200)),
        Case(name: "subdomain of localhost", bytes: request("GET /html/index.html HTTP/1.1", headers: ["Host: docs.localhost"], plain: true),
            expected: .status(200)),
    ]
}
