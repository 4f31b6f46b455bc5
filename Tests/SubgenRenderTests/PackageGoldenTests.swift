import Foundation
import SubgenCore
import SubgenModel
import SubgenPackage
import SubgenRender
import SubgenTestSupport
import Testing

/// Renders fixture projects and SampleProject and compares every output file with the checked-in package.
/// Re-record with `SUBGEN_RECORD=1 swift test` and review the diff.
@Suite struct PackageGoldenTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repository = tests.deletingLastPathComponent()
    static let renderer = PackageRenderer(generator: "subgen test")

    /// The rendered package of the project at `root`, or the diagnostics that prevented it.
    static func render(_ root: URL, renderer: PackageRenderer = renderer) throws -> RenderedPackage {
        let loaded = ProjectLoader().load(root)
        let project = try #require(loaded.project)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.sorted().map(TemporaryProject.describe))")
        let (analysis, evidenceDiagnostics) = PackageAnalysis.withEvidence(project, root: root)
        #expect(!evidenceDiagnostics.contains { $0.severity == .error }, "\(evidenceDiagnostics.map(TemporaryProject.describe))")
        var log = DiagnosticLog()
        let package = renderer.render(analysis, projectRoot: root, log: &log)
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        return try #require(package)
    }

    /// Complete has every chapter and no finding; Gaps has a finding of every check a buildable project can
    /// have; Escaping has hostile text everywhere.
    @Test(arguments: ["Complete", "Gaps", "Escaping"])
    func fixtureMatchesExpectedPackage(_ name: String) throws {
        let package = try Self.render(Self.tests.appendingPathComponent("Fixtures/\(name)"))
        let differences = try Golden.compare(
            package.files, with: Self.tests.appendingPathComponent("Fixtures/\(name).expected"))
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    /// SampleProject's package is committed, as users commit theirs; it must match its sources.
    @Test func sampleProjectPackageIsCurrent() throws {
        let sample = Self.repository.appendingPathComponent("SampleProject")
        let package = try Self.render(sample, renderer: PackageRenderer())
        let differences = try Golden.compare(package.files, with: sample.appendingPathComponent("submission"))
        #expect(
            differences.isEmpty,
            "SampleProject/submission is out of date; run 'subgen build SampleProject':\n\(differences.joined(separator: "\n"))")
    }

    @Test func everyPageOfEveryChapterIsWritten() throws {
        let package = try Self.render(Self.tests.appendingPathComponent("Fixtures/Complete"))
        let paths = package.files.map(\.path)
        for base in ["index", "01-risk-management", "02-metrics", "03-architecture", "04-testing", "05-labeling",
                     "06-management-plan", "07-cyber-device", "appendix", "records"] {
            #expect(paths.contains("html/\(base).html"))
            #expect(paths.contains("markdown/\(base == "index" ? "README" : base).md"))
        }
        #expect(paths.contains("html/style.css"))
        #expect(paths.contains("attachments/sbom.cdx.json"))
        #expect(paths.last == "MANIFEST.sha256")
    }

    @Test func nonCyberDevicesHaveNoChapter7() throws {
        let package = try Self.render(Self.tests.appendingPathComponent("Fixtures/Escaping"))
        #expect(!package.files.contains { $0.path.contains("07-cyber-device") })
        let overview = String(decoding: try #require(package.file("html/index.html")), as: UTF8.self)
        #expect(!overview.contains("07-cyber-device"))
    }

    @Test func gapsFixtureShowsEveryReachableCheck() throws {
        let root = Self.tests.appendingPathComponent("Fixtures/Gaps")
        let loaded = ProjectLoader().load(root)
        let ids = Set(PackageAnalysis.withEvidence(try #require(loaded.project), root: root).analysis.findings.map(\.diagnostic.id))
        // The other two need an error first (a required reference to the wrong kind), so no package is built.
        #expect(
            ids == [
                "threat-without-risk", "control-without-threat", "control-without-requirement", "test-without-result",
                "test-failed", "risk-not-acceptable", "component-incomplete", "end-of-support-passed",
                "vulnerability-under-investigation", "exploitable-without-control", "penetration-test-incomplete",
                "test-type-missing", "section-empty", "view-missing", "category-without-control",
                "labeling-item-missing", "plan-element-missing", "patch-cycles-missing", "metric-missing",
                "anomalies-not-stated", "flow-unprotected", "interface-without-flow", "sbom-incomplete", "evidence-empty",
                "component-without-support", "vulnerability-unassessed",
            ])
    }

    @Test func hashManifestListsEveryOtherFile() throws {
        let package = try Self.render(Self.tests.appendingPathComponent("Fixtures/Complete"))
        let manifest = String(decoding: try #require(package.file(PackageRenderer.manifestFile)), as: UTF8.self)
        let lines = manifest.split(separator: "\n").map(String.init)
        #expect(lines.count == package.files.count - 1)
        for (line, file) in zip(lines, package.files) {
            #expect(line == "\(PackageRenderer.sha256(file.data))  \(file.path)")
        }
        #expect(PackageRenderer.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
