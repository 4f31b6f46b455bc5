import Foundation
import SubgenCore
import Testing
@testable import SubgenCLI

/// `subgen build` through the command line layer: output, exit status, refusal on errors.
@Suite struct BuildCommandTests {
    static func temporaryProject(_ records: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("# P\n\n- Device: D\n- Manufacturer: M\n- Submission type: PMA\n- Cyber device: no\n- Date: 2026-01-01\n".utf8)
            .write(to: directory.appendingPathComponent("subgen.md"))
        try Data(records.utf8).write(to: directory.appendingPathComponent("r.md"))
        return directory
    }

    static func run(_ arguments: [String]) throws -> (output: String, failed: Bool) {
        let command = try #require(try SubgenCommand.parseAsRoot(["build"] + arguments) as? BuildCommand)
        return command.report()
    }

    @Test func writesThePackageAndSaysWhere() throws {
        let project = try Self.temporaryProject("## ASSET-001: Data\n\n- Type: data\n")
        let (output, failed) = try Self.run([project.path])
        #expect(!failed)
        let package = project.appendingPathComponent("submission").standardizedFileURL.path
        #expect(output.contains("wrote the package to \(package)"))
        #expect(output.contains("HTML:     \(package)/html/index.html"))
        #expect(output.contains("Markdown: \(package)/markdown/README.md"))
        #expect(output.contains("warning: package section 1.2 Cybersecurity Risk Assessment has no content"))
        #expect(FileManager.default.fileExists(atPath: package + "/html/index.html"))
    }

    @Test func refusesWithErrorsAndWritesNothing() throws {
        let project = try Self.temporaryProject("## THR-001: T\n\n- Assets: ASSET-404\n- Mitigated by: CTRL-1\n")
        let (output, failed) = try Self.run([project.path, "--output", project.appendingPathComponent("out").path])
        #expect(failed)
        #expect(output.contains("r.md:3:11: error: no record with ID 'ASSET-404'"))
        #expect(output.hasSuffix("the package was not written"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("out").path))
    }

    @Test func strictFailsOnCoverageWarnings() throws {
        let project = try Self.temporaryProject("## ASSET-001: Data\n\n- Type: data\n")
        let (output, failed) = try Self.run([project.path, "--strict"])
        #expect(failed)
        #expect(output.contains(": error: package section"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("submission").path))
    }
}
