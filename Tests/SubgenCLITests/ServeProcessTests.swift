import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `subgen serve` as a process: how a terminal (Ctrl-C) or a service manager (SIGTERM) stops it.
@Suite struct ServeProcessTests {
    /// The `subgen` executable built beside the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("subgen")

    static func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func stopsCleanlyOnSignal(_ signalNumber: Int32) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "no subgen at \(Self.binary.path)")
        let project = try BuildCommandTests.temporaryProject("## ASSET-001: Data\n\n- Type: data\n")
        let log = project.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", project.path, "--port", "0"]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        let served = Self.waitUntil(60) { output().contains("serving ") }
        #expect(served, "never served: \(output())")
        kill(process.processIdentifier, signalNumber)
        let stopped = Self.waitUntil(10) { !process.isRunning }
        if !stopped { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(stopped, "still running 10 s after signal \(signalNumber)")
        #expect(process.terminationStatus == 0)
        #expect(output().hasSuffix("stopped\n"))
    }
}
