import Foundation
import SubgenCore
import Testing
@testable import SubgenCLI

/// `subgen check` end to end on fixture projects, compared with checked-in expected output.
/// Re-record the expected files with `SUBGEN_RECORD=1 swift test`.
@Suite struct CheckCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `subgen check` with `arguments` plus the fixture's path, showing paths as `name/...`.
    func check(_ name: String, _ arguments: [String] = [], root: URL = fixtures) throws -> (output: String, failed: Bool) {
        let path = root.appendingPathComponent(name).path
        let command = try #require(try SubgenCommand.parseAsRoot(["check"] + arguments + [path]) as? CheckCommand)
        let report = command.report()
        return (report.output.replacingOccurrences(of: path, with: name), report.failed)
    }

    func compare(_ output: String, golden name: String) throws {
        let url = Self.fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SUBGEN_RECORD"] == "1" {
            try Data((output + "\n").utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(output + "\n" == expected, "differs from \(name); re-record with SUBGEN_RECORD=1 if intended")
    }

    @Test func badProjectReportsEveryProblem() throws {
        let (output, failed) = try check("BadProject")
        #expect(failed)
        try compare(output, golden: "BadProject.expected.txt")
    }

    @Test func badProjectAsJSON() throws {
        let (output, failed) = try check("BadProject", ["--format", "json"])
        #expect(failed)
        try compare(output, golden: "BadProject.expected.json")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(!objects.isEmpty)
        for object in objects {
            #expect(Set(object.keys) == ["file", "line", "column", "severity", "id", "message"])
        }
    }

    /// The sample has no errors; its coverage gaps are warnings until it covers every chapter.
    @Test func sampleProjectHasNoErrors() throws {
        let (output, failed) = try check("SampleProject", root: Self.repository)
        #expect(!failed)
        #expect(!output.contains(": error:"))
        #expect(output.contains("SampleProject: 0 errors, "))
    }

    @Test func strictPromotesWarnings() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-strict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("# P\n\n- Device: D\n- Manufacturer: M\n- Submission type: PMA\n- Cyber device: no\n".utf8)
            .write(to: directory.appendingPathComponent("subgen.md"))
        try Data("## ASSET-001\n\n- Type: data\n".utf8).write(to: directory.appendingPathComponent("a.md"))
        let relaxed = try check(directory.lastPathComponent, root: directory.deletingLastPathComponent())
        #expect(!relaxed.failed)
        #expect(relaxed.output.contains("a.md:1:4: warning: record ASSET-001 has no title"))
        let strict = try check(directory.lastPathComponent, ["--strict"], root: directory.deletingLastPathComponent())
        #expect(strict.failed)
        #expect(strict.output.contains("a.md:1:4: error: record ASSET-001 has no title"))
    }

    @Test func missingProjectFolder() throws {
        let (output, failed) = try check("NoSuchProject")
        #expect(failed)
        #expect(output == "NoSuchProject:1:1: error: project folder does not exist")
    }

    @Test func helpExplainsEveryCommandAndVersionIsSet() {
        let help = SubgenCommand.helpMessage()
        #expect(help.contains("check"))
        #expect(help.contains("dump"))
        #expect(SubgenCommand.helpMessage(for: CheckCommand.self).contains("--strict"))
        #expect(SubgenCommand.helpMessage(for: CheckCommand.self).contains("--format"))
        #expect(SubgenCommand.helpMessage(for: DumpCommand.self).contains("--json"))
        #expect(SubgenCommand.configuration.version == SubgenVersion.current)
        #expect(SubgenCommand.helpMessage(for: BuildCommand.self).contains("--output"))
    }

    @Test func defaultProjectIsTheWorkingDirectory() throws {
        let command = try #require(try SubgenCommand.parseAsRoot(["check"]) as? CheckCommand)
        #expect(command.options.project == ".")
        #expect(command.format == .text)
        #expect(!command.strict)
    }
}
