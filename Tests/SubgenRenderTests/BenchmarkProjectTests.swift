import Foundation
import SubgenCore
import SubgenRender
import Testing

/// The benchmark measures projects written by `scripts/generate_project.py`; they must stay valid projects as
/// the record format evolves, or the benchmark would time error reporting instead of a build.
@Suite struct BenchmarkProjectTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func generate(records: Int, components: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-bench-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repository.appendingPathComponent("scripts/generate_project.py").path, folder.path,
            "--records", "\(records)", "--components", "\(components)",
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return folder
    }

    @Test func generatedProjectChecksWithoutErrorsAndHasEveryRecord() throws {
        let project = try Self.generate(records: 400, components: 120)
        defer { try? FileManager.default.removeItem(at: project) }
        let outcome = PackageBuild(project: project, renderer: PackageRenderer()).check()
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(5).map(\.message))")
        let analysis = try #require(outcome.analysis)
        #expect(analysis.project.records.count == 400)
        let kinds = Set(analysis.project.records.map(\.kind))
        #expect(kinds.count == 16, "\(kinds.sorted())")
        #expect(analysis.inventory.components.count >= 120)
        // Every test whose result comes from the JUnit file finds its case there.
        #expect(!outcome.diagnostics.contains { $0.id == "evidence-selector-unmatched" })
    }

    @Test func sameArgumentsWriteTheSameBytes() throws {
        let first = try Self.generate(records: 300, components: 60)
        let second = try Self.generate(records: 300, components: 60)
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: first.path).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: second.path).sorted()))
        for file in files {
            #expect(
                FileManager.default.contents(atPath: first.appendingPathComponent(file).path)
                    == FileManager.default.contents(atPath: second.appendingPathComponent(file).path), "\(file)")
        }
    }
}
