import Foundation
import SubgenEvidence
import SubgenTestSupport
import Testing

/// Bad evidence files: each is a diagnostic at the file (with line or JSON path), never a crash, and the
/// rest of the project is still checked.
@Suite struct EvidenceLoaderTests {
    static let records = """
        # SBOMs

        ## SBOM-001: Firmware

        - File: fw.cdx.json

        ## SBOM-002: App

        - File: app.spdx.json

        """

    func diagnostics(_ files: [String: String]) throws -> LoadedEvidence {
        try LoadedEvidence(files.merging(["sbom.md": Self.records]) { first, _ in first })
    }

    static let goodSPDX = """
        {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "app",
         "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: x"]},
         "packages": [{"SPDXID": "SPDXRef-a", "name": "a", "versionInfo": "1"}]}
        """

    @Test func malformedJSONIsAnErrorAtItsLineAndTheOtherFileIsStillRead() throws {
        let loaded = try diagnostics(["fw.cdx.json": "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": 1.6 x\n}", "app.spdx.json": Self.goodSPDX])
        #expect(loaded.loaderDiagnostics == ["fw.cdx.json:3:22: error: evidence-invalid"])
        #expect(loaded.evidence.files["app.spdx.json"]?.sbom?.components.count == 1)
        #expect(loaded.evidence.files["fw.cdx.json"] == nil)
    }

    @Test func truncatedEmptyAndWrongFormatFilesAreErrors() throws {
        let loaded = try diagnostics([
            "fw.cdx.json": "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [",
            "app.spdx.json": "",
        ])
        #expect(loaded.loaderDiagnostics == ["app.spdx.json:1:1: error: evidence-invalid", "fw.cdx.json:1:65: error: evidence-invalid"])
        #expect(loaded.loaderMessages[0].contains("empty"))
        #expect(loaded.loaderMessages[1].contains("truncated"))
    }

    @Test func wrongBomFormatSpecVersionAndTagValue() throws {
        let loaded = try diagnostics([
            "fw.cdx.json": #"{"bomFormat": "SPDX", "specVersion": "1.6"}"#,
            "app.spdx.json": "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n",
        ])
        #expect(loaded.loaderDiagnostics == ["app.spdx.json:1:1: error: evidence-invalid", "fw.cdx.json:1:1: error: evidence-invalid"])
        #expect(loaded.loaderMessages[0].contains("tag-value"))
        #expect(loaded.loaderMessages[1].contains("bomFormat"))
        let old = try diagnostics(["fw.cdx.json": #"{"bomFormat": "CycloneDX", "specVersion": "1.2"}"#, "app.spdx.json": Self.goodSPDX])
        #expect(old.loaderDiagnostics == ["fw.cdx.json:1:1: error: evidence-invalid"])
        #expect(old.loaderMessages[0].contains("1.2"))
    }

    @Test func aValueOfTheWrongShapeNamesItsJSONPath() throws {
        let loaded = try diagnostics([
            "fw.cdx.json": #"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"name": "a"}, {"name": 7}]}"#,
            "app.spdx.json": Self.goodSPDX,
        ])
        #expect(loaded.loaderDiagnostics == ["fw.cdx.json:1:1: error: evidence-invalid"])
        #expect(loaded.loaderMessages[0].contains("$.components[1].name"))
    }

    @Test func duplicateRefsAndDanglingDependenciesPointAtTheComponent() throws {
        let file = """
            {
              "bomFormat": "CycloneDX", "specVersion": "1.6",
              "metadata": {"timestamp": "2026-01-01T00:00:00Z"},
              "components": [
                {"bom-ref": "a", "name": "a", "version": "1"},
                {"bom-ref": "a", "name": "b", "version": "1"}
              ],
              "dependencies": [{"ref": "a", "dependsOn": ["ghost"]}]
            }
            """
        let loaded = try diagnostics(["fw.cdx.json": file, "app.spdx.json": Self.goodSPDX])
        #expect(loaded.loaderDiagnostics == ["fw.cdx.json:1:1: warning: evidence-questionable", "fw.cdx.json:6:1: error: evidence-invalid"])
        #expect(loaded.loaderMessages.contains { $0.contains("$.components[1]") && $0.contains("duplicate bom-ref 'a'") })
        #expect(loaded.loaderMessages.contains { $0.contains("$.dependencies[0]") && $0.contains("ghost") })
        // The file is still used.
        #expect(loaded.evidence.files["fw.cdx.json"]?.sbom?.components.count == 2)
    }

    @Test func xmlAndNonUTF8AreErrors() throws {
        let temporary = try TemporaryProject(["sbom.md": Self.records, "app.spdx.json": "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>"])
        try temporary.write("fw.cdx.json", Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]))
        let loaded = try LoadedEvidence(temporary)
        // The first byte that is not UTF-8 is the third.
        #expect(loaded.loaderDiagnostics == ["app.spdx.json:1:1: error: evidence-invalid", "fw.cdx.json:1:3: error: evidence-invalid"])
        #expect(loaded.loaderMessages[0].contains("XML"))
        #expect(loaded.loaderMessages[1].contains("UTF-8"))
    }

    /// JSON files saved as UTF-16 or UTF-32, with or without a byte order mark, are an error that names the
    /// encoding, and so is UTF-32 XML; UTF-16 JUnit XML is read (it did not look like XML and went to the SARIF
    /// reader).
    @Test func wideEncodingsAreNamed() throws {
        func encoded(_ text: String, _ encoding: String.Encoding, mark: [UInt8] = []) -> Data {
            Data(mark) + text.data(using: encoding)!
        }
        let tests = [("TEST-001", "junit.xml"), ("TEST-002", "scan.sarif"), ("TEST-003", "wide.xml"), ("TEST-004", "bare.xml"), ("TEST-005", "bad.xml")].map { id, file in
            "## \(id): A test\n\n- Verifies: REQ-001\n- Type: Requirement\n- Evidence: \(file)\n\n"
        }.joined() + "## REQ-001: Requirement\n\n- Verified by: TEST-001\n"
        let temporary = try TemporaryProject(["sbom.md": Self.records, "tests.md": tests])
        try temporary.write("fw.cdx.json", encoded(#"{"bomFormat": "CycloneDX"}"#, .utf16LittleEndian, mark: [0xFF, 0xFE]))
        try temporary.write("app.spdx.json", encoded(#"{"spdxVersion": "SPDX-2.3"}"#, .utf32BigEndian))
        let junit = "<?xml version=\"1.0\"?>\n<testsuite name=\"S\"><testcase name=\"ü\"/></testsuite>"
        try temporary.write("junit.xml", encoded(junit, .utf16BigEndian, mark: [0xFE, 0xFF]))
        try temporary.write("scan.sarif", encoded(#"{"version": "2.1.0"}"#, .utf16LittleEndian))
        try temporary.write("bare.xml", encoded(junit, .utf16LittleEndian))
        try temporary.write("bad.xml", encoded("<testsuite><testcase></testsuite>", .utf16LittleEndian, mark: [0xFF, 0xFE]))
        try temporary.write("wide.xml", encoded("\n" + junit, .utf32LittleEndian, mark: [0xFF, 0xFE, 0, 0]))
        let loaded = try LoadedEvidence(temporary)
        #expect(loaded.loaderDiagnostics == [
            "app.spdx.json:1:1: error: evidence-invalid", "bad.xml:1:34: error: evidence-invalid", "fw.cdx.json:1:1: error: evidence-invalid",
            "scan.sarif:1:1: error: evidence-invalid", "wide.xml:1:1: error: evidence-invalid",
        ])
        let named = loaded.loaderMessages.map { message in
            ["UTF-32BE", "UTF-32LE", "UTF-16LE"].first {
                message.contains("the file is \($0); subgen reads JSON as UTF-8 and XML as UTF-8 or UTF-16: convert it")
            }
        }
        #expect(named == ["UTF-32BE", nil, "UTF-16LE", "UTF-16LE", "UTF-32LE"], "\(loaded.loaderMessages)")
        // A UTF-16 XML file libxml2 cannot read is said to be UTF-16, not "not UTF-8".
        #expect(loaded.loaderMessages[1].contains("test evidence (JUnit XML or SARIF): the file is UTF-16LE: invalid XML"), "\(loaded.loaderMessages[1])")
        for file in ["junit.xml", "bare.xml"] {
            #expect(loaded.evidence.files[file]?.junit?.suites.first?.cases.first?.name == "ü", "\(file)")
        }
    }

    @Test func aHundredMegabyteFileIsRefusedWithoutReadingIt() throws {
        let temporary = try TemporaryProject(["sbom.md": Self.records, "app.spdx.json": Self.goodSPDX])
        try temporary.write("fw.cdx.json", Data())
        let handle = try FileHandle(forWritingTo: temporary.root.appendingPathComponent("fw.cdx.json"))
        try handle.truncate(atOffset: 100 << 20)
        try handle.close()
        let clock = ContinuousClock()
        var loaded: LoadedEvidence?
        let elapsed = try clock.measure { loaded = try LoadedEvidence(temporary) }
        #expect(loaded?.loaderDiagnostics == ["fw.cdx.json:1:1: error: evidence-too-large"])
        #expect(loaded?.loaderMessages.first?.contains("100 MB") == true)
        #expect(elapsed < .seconds(5))
    }

    @Test func aFileNamedInTwoRolesIsAnError() throws {
        let records = Self.records + """
            ## TEST-001: Scan

            - Verifies: REQ-001
            - Type: SCA
            - Evidence: app.spdx.json

            ## REQ-001: Components are known

            - Verified by: TEST-001

            """
        let loaded = try LoadedEvidence(["sbom.md": records, "fw.cdx.json": "{}", "app.spdx.json": Self.goodSPDX])
        #expect(loaded.loaderDiagnostics.contains(
            TemporaryProject.expect("sbom.md", "app.spdx.json", in: records, occurrence: 2, .error, "evidence-role-conflict")))
    }
}
