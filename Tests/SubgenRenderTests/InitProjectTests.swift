import Foundation
import SubgenCore
import SubgenModel
import SubgenRender
import SubgenTestSupport
import Testing

/// `subgen init`: a starter project that checks without errors, never written over existing files.
@Suite struct InitProjectTests {
    @Test func theStarterProjectChecksWithoutErrorsAndHasEveryKind() throws {
        let project = try TemporaryProject([:], manifest: nil)
        let files = try TemplateExport.createProject(at: project.root)
        #expect(files.contains("subgen.md") && files.contains("sbom/example.cdx.json"))
        let outcome = PackageBuild(project: project.root, renderer: PackageRenderer(generator: "subgen test")).check()
        #expect(!outcome.failed, "\(outcome.diagnostics.filter { $0.severity == .error }.map(TemporaryProject.describe))")
        let loaded = try #require(outcome.analysis?.project)
        #expect(Set(loaded.records.map(\.kind)) == Set(KindCatalog.all.map(\.name)))
        // The narrative pages the guidance expects: methodology, scoring method, management plan.
        #expect(Set(loaded.pages.compactMap(\.section)) == ["V.A.1", "V.A.2", "VI.B"])
        // It builds, too.
        #expect(PackageBuild(project: project.root, renderer: PackageRenderer(generator: "subgen test")).build().written != nil)
    }

    @Test func anExistingFileStopsItAndNothingIsWritten() throws {
        let project = try TemporaryProject(["threat-model/threats.md": "# Mine\n"], manifest: nil)
        #expect(throws: TemplateExport.Failure.self) { try TemplateExport.createProject(at: project.root) }
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("subgen.md").path))
        #expect(try String(contentsOf: project.root.appendingPathComponent("threat-model/threats.md"), encoding: .utf8) == "# Mine\n")
    }
}
