import Foundation
import Testing
@testable import SubgenServe

#if canImport(Glibc)
import Glibc
#endif

/// DNS rebinding: a web page can point its own host name at 127.0.0.1 and read what the preview answers. Such
/// requests carry the page's host name in `Host`, and the preview refuses them.
@Suite struct HostCheckTests {
    @Test func onlyLocalhostAndAddressesAreThisMachine() {
        for host in ["127.0.0.1", "127.0.0.1:8080", "localhost", "LOCALHOST:80", "[::1]", "[::1]:8080", "192.168.1.20:8080", "0.0.0.0"] {
            #expect(PreviewHandler.namesThisMachine(host), "\(host)")
        }
        for host in [nil, "", "evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io",
                     "127.0.0.1:80x", "256.0.0.1", "1.2.3", "[::1", "[::1]x", "[evil]", "127.0.0.1 ", "localhost:"] {
            #expect(!PreviewHandler.namesThisMachine(host), "\(host ?? "nil")")
        }
    }

    /// Sends `request` as written and returns the status code of the answer.
    static func status(of request: String, port: Int) throws -> Int {
        let descriptor = try RawHTTP.connect(port: port)
        defer { close(descriptor) }
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while RawHTTP.parse(data) == nil {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return try #require(RawHTTP.parse(data)).status
    }

    @Test func requestsForOtherHostNamesAreRefused() async throws {
        try await PreviewServerTests().withServer { running in
            let port = running.port
            let page = "GET /html/index.html HTTP/1.1\r\nConnection: close\r\n"
            let statuses = try await Task.detached {
                try [
                    Self.status(of: page + "Host: attacker.example:\(port)\r\n\r\n", port: port),
                    Self.status(of: page + "\r\n", port: port),
                    Self.status(of: page + "Host: localhost:\(port)\r\n\r\n", port: port),
                    Self.status(of: page + "Host: 127.0.0.1:\(port)\r\n\r\n", port: port),
                ]
            }.value
            #expect(statuses == [421, 421, 200, 200])
        }
    }
}
