import Foundation
import SubgenCore
import SubgenTestSupport
import Testing
@testable import SubgenModel

/// The manifest: title, fields, custom ID prefixes.
@Suite struct ManifestTests {
    static let asset = "## ASSET-001: a\n\n- Type: data\n"

    @Test func missingManifestIsAnErrorButRecordsAreStillChecked() throws {
        let project = try TemporaryProject(["a.md": "## ASSET-001: a\n\n- Type: bogus\n"], manifest: nil)
        #expect(project.diagnostics() == [
            "a.md:3:9: error: invalid-enum-value",
            "subgen.md:1:1: error: manifest-not-found",
        ])
    }

    @Test func manifestWithoutTitle() throws {
        let manifest = "- Device: X\n- Manufacturer: Y\n- Submission type: PMA\n- Cyber device: no\n"
        let project = try TemporaryProject(["a.md": Self.asset], manifest: manifest)
        #expect(project.diagnostics() == ["subgen.md:1:1: error: manifest-without-title"])
        #expect(project.load().project?.manifest.submissionType == "PMA")
    }

    @Test func manifestFieldsAreValidated() throws {
        let manifest = """
            # Pümp Package

            - Device: Pümp
            - Submission type: 520(k)
            - Cyber device: maybe
            - Date: 2026-11-31
            - Colour: blue
            """
        let project = try TemporaryProject(["a.md": Self.asset], manifest: manifest)
        #expect(project.diagnostics() == [
            TemporaryProject.expect("subgen.md", "Pümp Package", in: manifest, .error, "missing-required-field"),
            TemporaryProject.expect("subgen.md", "520(k)", in: manifest, .error, "invalid-enum-value"),
            TemporaryProject.expect("subgen.md", "maybe", in: manifest, .error, "invalid-yes-no"),
            TemporaryProject.expect("subgen.md", "2026-11-31", in: manifest, .error, "invalid-date"),
            TemporaryProject.expect("subgen.md", "Colour", in: manifest, .warning, "unknown-field"),
        ])
    }

    @Test func badPrefixDefinitions() throws {
        let manifest = TemporaryProject.manifest + """

            ## ID prefixes

            - HAZ: risk
            - haz: risk
            - CVE: vulnerability
            - THR: risk
            - HAZ: risk
            - DOC: document
            - just text
            """
        let project = try TemporaryProject(["a.md": Self.asset], manifest: manifest)
        #expect(project.diagnostics() == [
            TemporaryProject.expect("subgen.md", "haz", in: manifest, .error, "invalid-prefix"),
            TemporaryProject.expect("subgen.md", "CVE", in: manifest, .error, "invalid-prefix"),
            TemporaryProject.expect("subgen.md", "THR: risk", in: manifest, .error, "invalid-prefix"),
            TemporaryProject.expect("subgen.md", "HAZ", in: manifest, occurrence: 2, .error, "duplicate-prefix"),
            TemporaryProject.expect("subgen.md", "DOC", in: manifest, .error, "unknown-kind"),
            TemporaryProject.expect("subgen.md", "just text", in: manifest, .error, "invalid-prefix"),
        ])
        #expect(project.load().project?.prefixes.kind(forPrefix: "HAZ")?.name == "risk")
    }

    @Test func manifestNarrativeExcludesPrefixSection() throws {
        let manifest = TemporaryProject.manifest + "\nIntended use.\n\n## ID prefixes\n\n- HAZ: risk\n\n## Device description\n\nText.\n"
        let project = try #require(try TemporaryProject(["a.md": Self.asset], manifest: manifest).load().project)
        #expect(project.manifest.narrative.count == 3)
        #expect(project.manifest.narrative.map { $0.plainText() } == ["Intended use.", "Device description", "Text."])
    }
}
