import Foundation
import SubgenCore
import SubgenRender
import SubgenTestSupport
import Testing

/// Custom templates (`--templates`, the manifest's `Templates:`) over the built-in ones, and their export.
@Suite struct CustomTemplateTests {
    static let renderer = PackageRenderer(generator: "subgen test")

    func build(_ project: TemporaryProject, templates: URL? = nil) -> PackageBuild.Outcome {
        PackageBuild(project: project.root, templates: templates, renderer: Self.renderer).build()
    }

    func read(_ project: TemporaryProject, _ path: String) throws -> Data {
        try Data(contentsOf: project.root.appendingPathComponent("submission/" + path))
    }

    /// A custom record template: the built-in one with a marker.
    func customRecord(in folder: URL) throws {
        let builtin = try String(contentsOf: Self.renderer.templates.appendingPathComponent("html/record.mustache"), encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("html"), withIntermediateDirectories: true)
        try Data(builtin.replacingOccurrences(of: "<p class=\"source\">", with: "<p class=\"source custom\">").utf8)
            .write(to: folder.appendingPathComponent("html/record.mustache"))
    }

    @Test func aSubsetOverridesAndTheRestFallsBack() throws {
        let plain = try PackageBuildTests.copy()
        #expect(build(plain).written != nil)
        let custom = try PackageBuildTests.copy()
        let templates = custom.root.appendingPathComponent("../custom-\(UUID().uuidString)").standardizedFileURL
        try customRecord(in: templates)
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("body { color: black; }\n".utf8).write(to: templates.appendingPathComponent("assets/style.css"))
        let outcome = build(custom, templates: templates)
        #expect(outcome.written != nil, "\(outcome.diagnostics.map(\.message))")
        let html = String(decoding: try read(custom, "html/01-risk-management.html"), as: UTF8.self)
        #expect(html.contains(#"<p class="source custom">"#))
        #expect(try read(custom, "html/style.css") == Data("body { color: black; }\n".utf8))
        // Untouched templates give the same output as the built-in set.
        #expect(try read(custom, "markdown/01-risk-management.md") == read(plain, "markdown/01-risk-management.md"))
        #expect(try read(custom, "html/index.html") == read(plain, "html/index.html"))
    }

    @Test func theManifestNamesTheFolderAndTheCommandLineWins() throws {
        let project = try PackageBuildTests.copy()
        let manifest = try String(contentsOf: project.root.appendingPathComponent("subgen.md"), encoding: .utf8)
        try project.write("subgen.md", Data(manifest.replacingOccurrences(of: "- Date: 2026-11-01", with: "- Date: 2026-11-01\n- Templates: look").utf8))
        try customRecord(in: project.root.appendingPathComponent("look"))
        #expect(build(project).written != nil)
        #expect(String(decoding: try read(project, "html/03-architecture.html"), as: UTF8.self).contains("source custom"))
        // --templates replaces the manifest's folder.
        let other = project.root.appendingPathComponent("../other-\(UUID().uuidString)").standardizedFileURL
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        #expect(build(project, templates: other).written != nil)
        #expect(!String(decoding: try read(project, "html/03-architecture.html"), as: UTF8.self).contains("source custom"))
    }

    @Test func aBrokenOrMissingCustomTemplateIsADiagnostic() throws {
        let project = try PackageBuildTests.copy()
        let templates = project.root.appendingPathComponent("../broken-\(UUID().uuidString)").standardizedFileURL
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("markdown"), withIntermediateDirectories: true)
        try Data("line one\n{{#fields}}\n".utf8).write(to: templates.appendingPathComponent("markdown/record.mustache"))
        let outcome = build(project, templates: templates)
        #expect(outcome.written == nil)
        let problem = try #require(outcome.diagnostics.first { $0.id == "template-syntax" })
        #expect(problem.location.file == templates.path + "/markdown/record.mustache")

        let missing = build(project, templates: templates.appendingPathComponent("nope"))
        #expect(missing.written == nil)
        #expect(missing.diagnostics.map(\.id) == ["templates-missing"])
    }

    @Test func theExportedSetBuildsTheSamePackageAndIsNeverOverwritten() throws {
        let project = try PackageBuildTests.copy()
        #expect(build(project).written != nil)
        let before = try PackageBuildTests.snapshot(project.root.appendingPathComponent("submission"))
        let exported = project.root.appendingPathComponent("../exported-\(UUID().uuidString)").standardizedFileURL
        let files = try TemplateExport.export(to: exported)
        #expect(files.contains("html/page.mustache") && files.contains("assets/style.css") && files.count == 21)
        #expect(build(project, templates: exported).written != nil)
        #expect(try PackageBuildTests.snapshot(project.root.appendingPathComponent("submission")) == before)
        #expect(throws: TemplateExport.Failure.self) { try TemplateExport.export(to: exported) }
    }
}
