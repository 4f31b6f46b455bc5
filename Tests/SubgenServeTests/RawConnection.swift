import Foundation
import SubgenTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// One blocking TCP connection to the server under test, for requests written byte for byte: malformed ones,
/// pipelined ones, ones sent slowly or cut short. Use it on a thread of its own (`RawHTTP.onThread`), never on
/// one of Swift's cooperative pool, which the server runs on.
final class RawConnection {
    let descriptor: Int32
    private var buffer = Data()
    private(set) var isOpen = true

    /// Connects to 127.0.0.1:port; `receiveBuffer` shrinks the socket's receive buffer (set before connecting,
    /// so the TCP window stays small and the server's writes block). A read or write gives up after `timeout`
    /// seconds times `TestSlack.factor`.
    init(port: Int, receiveBuffer: Int? = nil, timeout: Double = 10) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawHTTP.Failure.connect }
        if var size = receiveBuffer.map(Int32.init) {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw RawHTTP.Failure.connect
        }
        setTimeout(timeout * TestSlack.factor)
    }

    deinit { close() }

    /// How long one `recv` may block.
    func setTimeout(_ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends all of `bytes`; false if the server closed the connection meanwhile. Never raises SIGPIPE.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads what has arrived (at most `limit` bytes) into the buffer; nil at end of stream, on a reset or
    /// when `recv` timed out (then `timedOut` is true).
    private func fill(limit: Int = 65536) -> Int? {
        var chunk = [UInt8](repeating: 0, count: limit)
        let count = recv(descriptor, &chunk, limit, 0)
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
            return count
        }
        lastReadTimedOut = count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
        return nil
    }

    private(set) var lastReadTimedOut = false

    /// The next complete response (headers and a body of its Content-Length; none for HEAD), or nil if the
    /// connection ended or the read timed out first.
    func readResponse(head: Bool = false) -> RawHTTP.Response? {
        while true {
            if let (response, length) = RawHTTP.parseComplete(buffer, head: head) {
                buffer.removeSubrange(buffer.startIndex..<buffer.startIndex + length)
                return response
            }
            if fill() == nil { return nil }
        }
    }

    /// Reads until the server closes the connection (true) or a read times out (false), keeping the bytes.
    func readToEnd() -> Bool {
        while fill() != nil {}
        return !lastReadTimedOut
    }

    /// Everything received and not yet taken as a response.
    var unread: Data { buffer }

    /// Reads `count` bytes at most, in one `recv`; 0 at end of stream or on a timeout.
    func readSome(_ count: Int) -> Int { fill(limit: count) ?? 0 }

    /// Ends the connection: with a FIN, or with a RST (`SO_LINGER` of 0) if `reset`.
    func close(reset: Bool = false) {
        guard isOpen else { return }
        isOpen = false
        if reset {
            var linger = linger(l_onoff: 1, l_linger: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        }
        Glibc.close(descriptor)
    }
}
