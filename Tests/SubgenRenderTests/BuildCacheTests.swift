import Foundation
import SubgenCore
import SubgenModel
import SubgenRender
import SubgenTestSupport
import Testing

/// `subgen serve` rebuilds with a `BuildCache` and renders files one at a time; both must give exactly what a
/// fresh build gives.
@Suite struct BuildCacheTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let renderer = PackageRenderer(generator: "subgen test")

    /// A copy of a fixture project that a test may edit.
    static func copy(_ name: String) throws -> TemporaryProject {
        let project = try TemporaryProject([:], manifest: nil)
        let source = fixtures.appendingPathComponent(name)
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: project.root.appendingPathComponent(file))
        }
        return project
    }

    static func replace(_ old: String, with new: String, in path: String, of project: TemporaryProject) throws {
        let url = project.root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(path) has no '\(old)'")
        try project.write(path, Data(text.replacingOccurrences(of: old, with: new).utf8))
    }

    /// Builds with the cache and without it and expects the same diagnostics and the same files.
    static func expectSameAsFresh(_ project: TemporaryProject, cache: BuildCache, _ step: String) {
        let cached = PackageBuild(project: project.root, renderer: renderer, cache: cache).prepare()
        let fresh = PackageBuild(project: project.root, renderer: renderer).prepare()
        #expect(cached.outcome.diagnostics == fresh.outcome.diagnostics, "\(step): diagnostics differ")
        #expect((cached.package == nil) == (fresh.package == nil), "\(step)")
        let cachedFiles = cached.package?.package().files ?? []
        let freshFiles = fresh.package?.package().files ?? []
        #expect(cachedFiles.map(\.path) == freshFiles.map(\.path), "\(step): file lists differ")
        for (a, b) in zip(cachedFiles, freshFiles) where a.path == b.path {
            #expect(a.data == b.data, "\(step): \(a.path) differs")
        }
    }

    @Test func aCachedBuildEqualsAFreshOneAfterEveryKindOfEdit() throws {
        let project = try Self.copy("Complete")
        let cache = BuildCache()
        Self.expectSameAsFresh(project, cache: cache, "first build")
        #expect(cache.parses.count == 9)
        #expect(cache.evidence.count == 4)

        try Self.replace("- Device software version: 1.0.0", with: "- Device software version: 1.0.1", in: "subgen.md", of: project)
        Self.expectSameAsFresh(project, cache: cache, "manifest edited")

        let threats = try String(contentsOf: project.root.appendingPathComponent("threats.md"), encoding: .utf8)
        try project.write("threats.md", Data((threats + "\nA new closing paragraph naming [CTRL-001].\n").utf8))
        Self.expectSameAsFresh(project, cache: cache, "record file edited")

        // The parse of tests.md depends on the evidence file it names existing.
        try FileManager.default.moveItem(
            at: project.root.appendingPathComponent("cppcheck.sarif"), to: project.root.appendingPathComponent("moved.sarif"))
        Self.expectSameAsFresh(project, cache: cache, "attachment removed")
        try FileManager.default.moveItem(
            at: project.root.appendingPathComponent("moved.sarif"), to: project.root.appendingPathComponent("cppcheck.sarif"))
        Self.expectSameAsFresh(project, cache: cache, "attachment back")

        let sbom = try String(contentsOf: project.root.appendingPathComponent("sbom.cdx.json"), encoding: .utf8)
        try project.write("sbom.cdx.json", Data(sbom.replacingOccurrences(of: "\"version\"", with: "\"version\" ").utf8))
        Self.expectSameAsFresh(project, cache: cache, "SBOM reformatted")
        try project.write("sbom.cdx.json", Data("{ not json".utf8))
        Self.expectSameAsFresh(project, cache: cache, "SBOM broken")
        try project.write("sbom.cdx.json", Data(sbom.utf8))
        Self.expectSameAsFresh(project, cache: cache, "SBOM restored")

        // Custom prefixes change which headings are records in every file, also in unchanged ones.
        try project.write("hazards.md", Data("## HAZ-001: A hazard\n\n- Threats: THR-001\n".utf8))
        Self.expectSameAsFresh(project, cache: cache, "file with an unknown prefix added")
        try Self.replace(
            "- Date: 2026-11-01", with: "- Date: 2026-11-01\n\n## ID prefixes\n\n- HAZ: risk\n", in: "subgen.md", of: project)
        Self.expectSameAsFresh(project, cache: cache, "prefix added")

        try FileManager.default.removeItem(at: project.root.appendingPathComponent("labeling.md"))
        Self.expectSameAsFresh(project, cache: cache, "file deleted")
        #expect(cache.parses.count == 9)
    }

    /// Every file made on its own (as the preview serves it) is the file of the whole package.
    @Test(arguments: ["Complete", "Gaps", "Escaping"])
    func everyFileOnItsOwnIsTheFileOfThePackage(_ name: String) throws {
        let build = PackageBuild(project: Self.fixtures.appendingPathComponent(name), renderer: Self.renderer)
        let (outcome, prepared) = build.prepare()
        let package = try #require(prepared, "\(outcome.diagnostics)")
        let files = package.package().files
        #expect(files.count > 20)
        for file in files {
            #expect(package.file(file.path) == file.data, "\(file.path)")
        }
        for missing in ["html/nope.html", "markdown/", "html", "", "views/NOPE.svg", "html/../MANIFEST.sha256"] {
            #expect(package.file(missing) == nil, "\(missing)")
        }
    }
}
