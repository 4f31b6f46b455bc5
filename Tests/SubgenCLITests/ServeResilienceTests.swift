import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `subgen serve` as a process under conditions that end careless servers: its standard output closed (a
/// write then raises SIGPIPE) and too few file descriptors for its clients (an accept loop that ends on EMFILE,
/// as FlyingFox's did, ends the server).
@Suite struct ServeResilienceTests {
    /// A port nothing listens on now.
    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 ? getsockname(descriptor, pointer, &length) : -1
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// A connected socket to 127.0.0.1:port, or -1.
    static func connect(port: UInt16) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 {
            close(descriptor)
            return -1
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    /// The status line of a GET of the index page, or nil if none came.
    static func status(port: UInt16) -> String? {
        let descriptor = connect(port: port)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let request = "GET /html/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self).components(separatedBy: "\r\n").first
    }

    /// Starts `subgen serve` on `port` through `sh -c` (for `ulimit`), with `output` as its standard output.
    static func serve(port: UInt16, shellPrefix: String = "", output: Any) throws -> Process {
        let project = try BuildCommandTests.temporaryProject("## ASSET-001: Data\n\n- Type: data\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(shellPrefix)exec \"$0\" serve \"$1\" --port \"$2\"",
            ServeProcessTests.binary.path, project.path, String(port)]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Sends SIGTERM and waits; true if the process then ended by itself with status 0.
    static func stop(_ process: Process) -> Bool {
        kill(process.processIdentifier, SIGTERM)
        let stopped = ServeProcessTests.waitUntil(10) { !process.isRunning }
        if !stopped { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return stopped && process.terminationReason == .exit && process.terminationStatus == 0
    }

    @Test func aClosedStandardOutputDoesNotEndTheServer() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeProcessTests.binary.path))
        let port = try Self.freePort()
        let pipe = Pipe()
        // No one will read what it prints: its first line raises SIGPIPE unless the signal is ignored.
        try pipe.fileHandleForReading.close()
        let process = try Self.serve(port: port, output: pipe.fileHandleForWriting)
        try pipe.fileHandleForWriting.close()
        let answered = ServeProcessTests.waitUntil(60) { !process.isRunning || Self.status(port: port) != nil }
        #expect(answered && process.isRunning, "ended by \(process.isRunning ? "nothing" : "\(process.terminationReason.rawValue) \(process.terminationStatus)")")
        #expect(Self.status(port: port) == "HTTP/1.1 200 OK")
        #expect(Self.stop(process))
    }

    /// Room for a handful of connections only; three limits, so that the last descriptor falls at different
    /// points of the server's start and of its clients' connections.
    @Test(arguments: [64, 65, 66])
    func runningOutOfDescriptorsDoesNotEndTheServer(_ descriptors: Int) throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeProcessTests.binary.path))
        let port = try Self.freePort()
        let process = try Self.serve(port: port, shellPrefix: "ulimit -n \(descriptors) && ", output: FileHandle.nullDevice)
        let answered = ServeProcessTests.waitUntil(60) { !process.isRunning || Self.status(port: port) != nil }
        #expect(answered && process.isRunning)
        // Many more clients than descriptors, holding their connections open.
        var held: [Int32] = []
        for _ in 0..<150 {
            let descriptor = Self.connect(port: port)
            if descriptor >= 0 { held.append(descriptor) }
        }
        for descriptor in held {
            _ = "GET /html/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n".withCString { send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        }
        Thread.sleep(forTimeInterval: 1)
        #expect(process.isRunning, "ended with \(process.terminationStatus)")
        for descriptor in held { close(descriptor) }
        let recovered = ServeProcessTests.waitUntil(10) { Self.status(port: port) == "HTTP/1.1 200 OK" }
        #expect(recovered, "no page once the clients left")
        #expect(Self.stop(process))
    }
}
