import Foundation
import SubgenTestSupport
import Testing

/// One case of the hostile-input corpus: a project folder written byte for byte, and the real `subgen` binary run
/// on it as a child process with a deadline and a measured peak memory.
///
/// Large inputs are generated here, at test time, and deleted afterwards; nothing large is checked in.
struct HostileProject {
    let root: URL

    /// A fresh folder holding the standard test manifest (unless `manifest` is nil).
    init(manifest: String? = TemporaryProject.manifest) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let manifest { try write("subgen.md", manifest) }
    }

    var path: String { root.path }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Writes `header`, then `chunk` as many times as keeps the file within `size` bytes, then `footer`, in pieces
    /// (a 50 MB file is never held in memory as one string). Returns the number of chunks written.
    @discardableResult
    func write(_ relative: String, header: String, repeating chunk: String, upTo size: Int, footer: String) throws -> Int {
        let url = url(relative)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(header.utf8))
        let repeats = (size - header.utf8.count - footer.utf8.count) / chunk.utf8.count
        // 256 chunks per write: few system calls, little memory.
        let block = Data(String(repeating: chunk, count: 256).utf8)
        for _ in 0..<repeats / 256 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data(String(repeating: chunk, count: repeats % 256).utf8))
        try handle.write(contentsOf: Data(footer.utf8))
        return repeats
    }

    func symlink(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url(relative).path, withDestinationPath: destination)
    }

    func remove() {
        // Folders made unreadable by a case must be readable again to be deleted (by a user other than root).
        _ = try? FileManager.default.subpathsOfDirectory(atPath: path).forEach {
            chmod(url($0).path, 0o755)
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// `subgen ARGUMENTS` (the project path is not added), measured; killed after `deadline` seconds.
    func subgen(_ arguments: [String], deadline: Double = HostileBounds.deadline, through wrapper: [String] = []) throws
        -> HostileRun
    {
        let executable = wrapper.first ?? ChildProcess.subgen
        let rest = wrapper.isEmpty ? arguments : Array(wrapper.dropFirst()) + [ChildProcess.subgen] + arguments
        return HostileRun(project: self, outcome: try ChildProcess.run(executable, rest, deadline: deadline))
    }

    func check(deadline: Double = HostileBounds.deadline) throws -> HostileRun {
        try subgen(["check", path], deadline: deadline)
    }

    func build(output: String? = nil, deadline: Double = HostileBounds.deadline) throws -> HostileRun {
        try subgen(["build", path] + (output.map { ["--output", $0] } ?? []), deadline: deadline)
    }
}

/// The bounds every case is held to.
enum HostileBounds {
    /// No case may take more processor time. Processor time, not time on the clock: beside the rest of
    /// `swift test` on a 2-core machine the clock runs up to twice as fast as the child's own time.
    static let seconds = 10.0 * TestSlack.factor
    /// The child is killed when it is still running after this long on the clock, so a hang (which may take no
    /// processor time at all) fails the test instead of stalling the run.
    static let deadline = 30.0 * TestSlack.factor
}

/// A finished `subgen` run on a hostile project.
struct HostileRun {
    let project: HostileProject
    let outcome: ChildProcess.Outcome
    /// Every `path:line:column: severity: message` line, with the project folder cut from the path.
    let diagnostics: [String]
    let errors: [String]

    init(project: HostileProject, outcome: ChildProcess.Outcome) {
        self.project = project
        self.outcome = outcome
        let prefix = project.path + "/"
        diagnostics = outcome.output.split(separator: "\n").compactMap { line in
            guard line.contains(": error: ") || line.contains(": warning: ") else { return nil }
            return line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : String(line)
        }
        errors = diagnostics.filter { $0.contains(": error: ") }
    }

    /// `file:line:column` of every error, in report order.
    var errorLocations: [String] {
        errors.map { line in line.split(separator: ":", maxSplits: 3).prefix(3).joined(separator: ":") }
    }

    var exitStatus: Int32? { outcome.status }

    /// Records the case's time and memory in the test log and holds it to its bounds.
    func expectWithinBounds(
        _ name: String, megabytes: Double, seconds: Double = HostileBounds.seconds,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        print("hostile input: \(name): \(outcome.summary)")
        #expect(!outcome.timedOut, "\(name): \(outcome.summary)", sourceLocation: sourceLocation)
        #expect(outcome.signal == nil, "\(name): ended by signal \(outcome.signal ?? 0)", sourceLocation: sourceLocation)
        #expect(outcome.cpuSeconds < seconds, "\(name): \(outcome.summary), bound \(seconds) s", sourceLocation: sourceLocation)
        let megabytes = megabytes * TestSlack.factor
        #expect(outcome.peakMegabytes < megabytes, "\(name): \(outcome.summary), bound \(megabytes) MB", sourceLocation: sourceLocation)
    }
}
