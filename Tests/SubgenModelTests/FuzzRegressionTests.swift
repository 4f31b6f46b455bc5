import Foundation
import SubgenCore
import SubgenModel
import SubgenTestSupport
import Testing

/// Inputs that once crashed or hung the record parser (Fixtures/fuzz/records, docs/fuzzing.md), read the
/// way the `FuzzRecords` fuzzer reads them and the way a project load reads them: each must give records or
/// diagnostics, never a crash.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz/records")

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test func thereAreInputs() {
        #expect(!Self.inputs.isEmpty)
    }

    /// What the fuzzer does: the input as the manifest, then as a record file with the manifest's prefixes.
    @Test(arguments: inputs) func singleFileParse(_ name: String) throws {
        let input = try Self.bytes(name)
        let root = FileManager.default.temporaryDirectory
        let manifest = ProjectLoader.parseManifest(input, root: root)
        let file = ProjectLoader.parseFile(input, path: "records/\(name)", prefixes: manifest.prefixes, root: root)
        #expect(manifest.manifest != nil || manifest.diagnostics.hasErrors)
        #expect(!file.records.isEmpty || file.page != nil || !file.diagnostics.diagnostics.isEmpty)
    }

    /// The same input as a whole project's manifest and as one of its files.
    @Test(arguments: inputs) func projectLoad(_ name: String) throws {
        let input = Data(try Self.bytes(name))
        let project = try TemporaryProject([:], manifest: nil)
        try project.write(Manifest.fileName, input)
        try project.write("records/\(name)", input)
        let result = project.load()
        #expect(result.project != nil)
    }

    /// 200,000 nested block quotes in a record's narrative: freeing the parsed tree recursed once per level
    /// and overflowed the stack. Now the load finishes, the record is kept, and the nesting is reported where
    /// it goes too deep (nothing below the limit is dropped silently).
    @Test func deepBlockQuotesAreReportedNotACrash() throws {
        let project = try TemporaryProject([:])
        try project.write("assets.md", Data(try Self.bytes("deep-block-quotes.md")))
        let result = project.load()
        #expect(result.project?.record("ASSET-001") != nil)
        let deep = result.diagnostics.diagnostics.filter { $0.id == "nesting-too-deep" }
        #expect(deep.count == 1)
        #expect(deep.first?.location.file == "assets.md")
        #expect(deep.first?.location.line == 5)
    }
}
