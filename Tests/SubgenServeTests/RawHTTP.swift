import Foundation
import SubgenTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 client over a TCP socket, so tests can send paths exactly as written (URL libraries
/// normalise `..` before sending) and drop connections halfway.
enum RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Failure: Error { case connect, read }

    /// A connected socket to 127.0.0.1:port.
    static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.connect }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw Failure.connect
        }
        var timeout = timeval(tv_sec: Int(30 * TestSlack.factor), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    /// `request` on a thread of its own: a blocking socket must not hold a thread of Swift's cooperative
    /// pool or of Dispatch's, which the server under test runs on (on two cores they have a few threads).
    static func fetch(_ target: String, method: String = "GET", port: Int) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try request(target, method: method, port: port) })
            }
            thread.start()
        }
    }

    /// Sends `method target` and reads the whole response (the server closes after `Connection: close`).
    static func request(_ target: String, method: String = "GET", port: Int) throws -> Response {
        let descriptor = try connect(port: port)
        defer { close(descriptor) }
        let request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
            if let response = parse(data), response.body.count >= Int(response.headers["content-length"] ?? "-1") ?? Int.max {
                return response
            }
        }
        guard let response = parse(data) else { throw Failure.read }
        return response
    }

    /// Runs `body` on a thread of its own (see `fetch`).
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// The first response in `data` if it is complete (a body of its Content-Length; no body after HEAD),
    /// and how many bytes it took.
    static func parseComplete(_ data: Data, head: Bool = false) -> (Response, Int)? {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)), var response = parse(Data(data[..<split.upperBound]))
        else { return nil }
        let length = head ? 0 : Int(response.headers["content-length"] ?? "0") ?? 0
        let headLength = split.upperBound - data.startIndex
        guard data.count - headLength >= length else { return nil }
        response.body = Data(data[split.upperBound..<split.upperBound + length])
        return (response, headLength + length)
    }

    static func parse(_ data: Data) -> Response? {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = head.first?.split(separator: " ") ?? []
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Data(data[split.upperBound...]))
    }
}
