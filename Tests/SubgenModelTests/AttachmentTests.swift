import Foundation
import SubgenTestSupport
import Testing
@testable import SubgenModel

/// File fields: relative to the naming file, inside the project (also through symlinks), existing, typed.
@Suite struct AttachmentTests {
    func sbom(_ value: String) -> String { "# Ü\n\n## SBOM-001: SBOM ☃\n\n- File: \(value)\n" }

    @Test func relativeToTheNamingFileAndLinkForm() throws {
        let project = try TemporaryProject([
            "sbom/records/a.md": sbom("../files/bom.json"),
            "sbom/records/b.md": "## SBOM-002: b\n\n- File: [the SBOM](../files/my%20bom.json)\n",
            "sbom/files/bom.json": "{}",
            "sbom/files/my bom.json": "{}",
        ])
        #expect(project.diagnostics() == [])
        let loaded = try #require(project.load().project)
        guard case .file(let first) = loaded.record("SBOM-001")?.value("File"),
            case .file(let second) = loaded.record("SBOM-002")?.value("File")
        else {
            Issue.record("files not parsed")
            return
        }
        #expect(first.path == "sbom/files/bom.json")
        #expect(second.path == "sbom/files/my bom.json")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var value: String
        var id: String
        var testDescription: String { value }
    }

    @Test(arguments: [
        Bad(value: "missing.json", id: "invalid-attachment"),
        Bad(value: "/etc/passwd.json", id: "invalid-attachment"),
        Bad(value: "~/bom.json", id: "invalid-attachment"),
        Bad(value: "C:/bom.json", id: "invalid-attachment"),
        Bad(value: "https://example.com/bom.json", id: "invalid-attachment"),
        Bad(value: "../../outside.json", id: "invalid-attachment"),
        Bad(value: "sub/../../../outside.json", id: "invalid-attachment"),
        Bad(value: "leak.json", id: "invalid-attachment"),
        Bad(value: "folder.json", id: "invalid-attachment"),
        Bad(value: "bom.xml", id: "invalid-attachment-type"),
    ])
    func badAttachments(_ bad: Bad) throws {
        let outside = try TemporaryProject(["secret.json": "{}"], manifest: nil)
        let text = sbom(bad.value)
        let project = try TemporaryProject(["ä/s.md": text, "ä/bom.xml": "<x/>", "ä/folder.json/x.md": "# x\n\n- Section: V.A.4\n"])
        try project.symlink("ä/leak.json", to: outside.root.appendingPathComponent("secret.json").path)
        #expect(project.diagnostics() == [
            TemporaryProject.expect("ä/s.md", bad.value, in: text, .error, bad.id)
        ])
    }

    @Test func symlinkInsideTheProjectIsAllowed() throws {
        let project = try TemporaryProject(["s.md": sbom("link.json"), "real/bom.json": "{}"])
        try project.symlink("link.json", to: "real/bom.json")
        #expect(project.diagnostics() == [])
    }
}
