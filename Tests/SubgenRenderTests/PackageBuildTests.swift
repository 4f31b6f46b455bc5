import Foundation
import SubgenCore
import SubgenRender
import SubgenTestSupport
import Testing

/// `subgen build` end to end on disk: determinism, atomic replacement, refusals, template errors.
@Suite struct PackageBuildTests {
    static let complete = PackageGoldenTests.tests.appendingPathComponent("Fixtures/Complete")

    /// A temporary copy of the Complete fixture, its files created in the given order.
    static func copy(reversed: Bool = false) throws -> TemporaryProject {
        var names = try FileManager.default.contentsOfDirectory(atPath: complete.path).sorted()
        if reversed { names.reverse() }
        let project = try TemporaryProject([:], manifest: nil)
        for name in names {
            try project.write(name, try Data(contentsOf: complete.appendingPathComponent(name)))
        }
        return project
    }

    static func build(_ project: URL, output: URL? = nil, renderer: PackageRenderer = PackageRenderer(generator: "subgen test"))
        -> PackageBuild.Outcome
    {
        PackageBuild(project: project, output: output, renderer: renderer).build()
    }

    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try Golden.files(under: folder) {
            files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }

    @Test func buildsAreByteIdenticalAcrossCopiesAndFileOrder() throws {
        let first = try Self.copy()
        let second = try Self.copy(reversed: true)
        let a = Self.build(first.root)
        let b = Self.build(second.root)
        #expect(a.written != nil && b.written != nil)
        let left = try Self.snapshot(first.root.appendingPathComponent("submission"))
        let right = try Self.snapshot(second.root.appendingPathComponent("submission"))
        #expect(left.keys.sorted() == right.keys.sorted())
        #expect(left == right)
        // A second build of the same project writes the same bytes again.
        _ = Self.build(first.root)
        #expect(try Self.snapshot(first.root.appendingPathComponent("submission")) == left)
        // Nothing machine-specific leaks in.
        for data in left.values { #expect(!String(decoding: data, as: UTF8.self).contains(first.root.path)) }
    }

    @Test func errorsLeaveThePreviousPackageUntouched() throws {
        let project = try Self.copy()
        #expect(Self.build(project.root).written != nil)
        let output = project.root.appendingPathComponent("submission")
        let before = try Self.snapshot(output)
        try project.write("broken.md", Data("## THR-009: Broken\n\n- Assets: ASSET-404\n- Mitigated by: CTRL-001\n".utf8))
        let outcome = Self.build(project.root)
        #expect(outcome.failed)
        #expect(outcome.written == nil)
        #expect(outcome.diagnostics.contains { $0.id == "unresolved-reference" && $0.location.file == "broken.md" })
        #expect(try Self.snapshot(output) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: project.root.path)
        #expect(!siblings.contains { $0.hasPrefix(".submission") })
    }

    @Test func strictRefusesOnCoverageWarnings() throws {
        let project = try Self.copy()
        try project.write("extra.md", Data("## CTRL-099: Orphan\n\n- Category: Authentication\n- Requirements: REQ-001\n".utf8))
        let relaxed = Self.build(project.root)
        #expect(relaxed.written != nil)
        #expect(relaxed.diagnostics.map(\.id) == ["control-without-threat"])
        let strict = PackageBuild(project: project.root, strict: true, renderer: PackageRenderer()).build()
        #expect(strict.failed)
        #expect(strict.written == nil)
        #expect(strict.diagnostics.map(\.severity) == [.error])
    }

    @Test func interruptedSwapIsRecoveredAndLeftoversAreIgnored() throws {
        let project = try Self.copy()
        #expect(Self.build(project.root).written != nil)
        let output = project.root.appendingPathComponent("submission")
        let before = try Self.snapshot(output)
        // As if killed between moving the old package aside and moving the new one in.
        try FileManager.default.moveItem(at: output, to: project.root.appendingPathComponent(".submission.previous"))
        try project.write(".submission.partial/html/index.html", Data("half".utf8))
        try PackageWriter(destination: output).recover()
        #expect(try Self.snapshot(output) == before)
        // Leftovers are neither read as input nor mixed into the next package.
        let outcome = Self.build(project.root)
        #expect(outcome.written != nil)
        #expect(try Self.snapshot(output) == before)
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent(".submission.partial").path))
    }

    @Test func outputOutsideTheProjectAndCustomFolderInside() throws {
        let project = try Self.copy()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-out-\(UUID().uuidString)")
        #expect(Self.build(project.root, output: outside).written == outside.standardizedFileURL)
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("html/index.html").path))
        // A package inside the project under another name is not read back as records.
        let inside = project.root.appendingPathComponent("out/package")
        #expect(Self.build(project.root, output: inside).written != nil)
        try project.write("out/package/markdown/extra.md", Data("## THR-001: Duplicate\n".utf8))
        #expect(!Self.build(project.root, output: inside).failed)
        // Nor by a later check that does not name the output folder.
        #expect(!PackageBuild(project: project.root, renderer: PackageRenderer()).check().failed)
    }

    @Test func refusesToReplaceWhatIsNotAPackage() throws {
        let project = try Self.copy()
        try project.write("notes/keep.txt", Data("mine".utf8))
        let outcome = Self.build(project.root, output: project.root.appendingPathComponent("notes"))
        #expect(outcome.failed)
        #expect(outcome.diagnostics.contains { $0.id == "output-not-writable" && $0.message.contains("not a subgen package") })
        #expect(try Data(contentsOf: project.root.appendingPathComponent("notes/keep.txt")) == Data("mine".utf8))

        try project.write("file-output", Data("x".utf8))
        let file = Self.build(project.root, output: project.root.appendingPathComponent("file-output"))
        #expect(file.diagnostics.contains { $0.message.contains("is a file") })

        let root = Self.build(project.root, output: project.root)
        #expect(root.diagnostics.contains { $0.id == "output-contains-project" })
        let parent = Self.build(project.root, output: project.root.deletingLastPathComponent())
        #expect(parent.diagnostics.contains { $0.id == "output-contains-project" })
    }

    @Test func templateSyntaxErrorNamesTheTemplateLine() throws {
        let templates = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: PackageRenderer().templates, to: templates)
        let record = templates.appendingPathComponent("html/record.mustache")
        var text = try String(contentsOf: record, encoding: .utf8)
        text = text.replacingOccurrences(of: "{{/hasFields}}", with: "{{/hasFieldz}}")
        try Data(text.utf8).write(to: record)
        let project = try Self.copy()
        let renderer = PackageRenderer(templates: templates, templatesDisplayName: "custom", generator: "subgen test")
        let outcome = Self.build(project.root, renderer: renderer)
        #expect(outcome.failed)
        let error = try #require(outcome.diagnostics.first { $0.id == "template-syntax" })
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("{{/hasFieldz}}") }
        #expect(error.location.file == "custom/html/record.mustache")
        #expect(error.location.line == (line ?? -1) + 1)
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("submission").path))
    }

    /// Whitespace inside code is content: blank-line tidying must not touch it in either tree.
    @Test func codeBlocksKeepEveryBlankAndSpaceOnlyLine() throws {
        let project = try Self.copy()
        try project.write(
            "code.md", Data("## ASSET-009: Code\n\n- Type: data\n\nText.\n\n    line1\n      \n\n\n    line2\n\n```sh\nx\n   \n\n\ny\n```\n".utf8))
        let output = try #require(Self.build(project.root).written)
        let html = try String(contentsOf: output.appendingPathComponent("html/01-risk-management.html"), encoding: .utf8)
        #expect(html.contains("<pre><code>line1\n  \n\n\nline2\n</code></pre>"))
        #expect(html.contains("<pre><code class=\"language-sh\">x\n   \n\n\ny\n</code></pre>"))
        let markdown = try String(contentsOf: output.appendingPathComponent("markdown/01-risk-management.md"), encoding: .utf8)
        #expect(markdown.contains("line1\n  \n\n\nline2\n```"))
        #expect(markdown.contains("``` sh\nx\n   \n\n\ny\n```"))
    }

    @Test func builtInTemplateProblemsNameTheirAbsolutePath() {
        let renderer = PackageRenderer()
        #expect(renderer.templatesDisplayName == renderer.templates.standardizedFileURL.path)
        #expect(renderer.templatesDisplayName.hasPrefix("/"))
    }

    @Test func missingTemplateIsAnError() throws {
        let templates = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: PackageRenderer().templates, to: templates)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("markdown/table.mustache"))
        let project = try Self.copy()
        let outcome = Self.build(project.root, renderer: PackageRenderer(templates: templates, templatesDisplayName: "t"))
        #expect(outcome.diagnostics.map(\.id) == ["template-missing"])
        #expect(outcome.diagnostics.first?.location.file == "t/markdown")
    }

    @Test func hashManifestVerifiesWithSha256sum() throws {
        let tool = URL(fileURLWithPath: "/usr/bin/sha256sum")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else { return }
        let project = try Self.copy()
        let output = try #require(Self.build(project.root).written)
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--check", "--quiet", PackageRenderer.manifestFile]
        process.currentDirectoryURL = output
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
