import Foundation
import SubgenCore
import SubgenModel
import SubgenPackage
import SubgenRender
import SubgenTestSupport
import Testing

/// `sbom/merged.cdx.json` validates against the official CycloneDX 1.6 schema (checked in under
/// Tests/Fixtures/Schemas, validated by Python's jsonschema) and keeps every component of every file.
@Suite struct MergedSBOMTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let validator = tests.appendingPathComponent("Fixtures/Schemas/validate-cyclonedx.py")
    static let realFiles = tests.appendingPathComponent("SubgenImportTests/Fixtures")

    /// The validator's complaints about `files` (empty when all are valid).
    static func validate(_ files: [URL]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", validator.path] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 || !text.isEmpty, "the validator failed to run")
        return process.terminationStatus == 0 ? "" : text
    }

    @Test func everyCheckedInPackageHasAValidMergedSBOM() throws {
        let packages = ["Fixtures/Complete.expected", "Fixtures/Gaps.expected", "Fixtures/Escaping.expected"]
            .map { Self.tests.appendingPathComponent($0) }
            + [Self.tests.deletingLastPathComponent().appendingPathComponent("SampleProject/submission")]
        let files = packages.map { $0.appendingPathComponent(MergedSBOM.path) }
        for file in files { #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path)") }
        #expect(try Self.validate(files) == "")
    }

    @Test func theValidatorRejectsAnInvalidDocument() throws {
        let project = try TemporaryProject([:], manifest: nil)
        try project.write("bad.json", Data(#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"name": "x"}]}"#.utf8))
        #expect(try Self.validate([project.root.appendingPathComponent("bad.json")]).contains("'type' is a required property"))
    }

    /// The parts of a CycloneDX document these tests look at.
    struct Summary: Decodable {
        struct Component: Decodable { var purl: String? }
        struct Vulnerability: Decodable { var id: String }
        var serialNumber: String?
        var components: [Component]
        var vulnerabilities: [Vulnerability]?
    }

    /// A project naming every real SBOM and VEX file of the reader tests.
    static func realWorldProject() throws -> (TemporaryProject, [String]) {
        var records = "# SBOMs\n\n"
        var files: [String: Data] = [:]
        var number = 0
        var names: [String] = []
        for folder in ["cyclonedx", "spdx"] {
            let url = realFiles.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where name.hasSuffix(".json") {
                number += 1
                files["sbom/\(name)"] = try Data(contentsOf: url.appendingPathComponent(name))
                records += "## SBOM-\(String(format: "%03d", number)): \(name)\n\n- File: sbom/\(name)\n\n"
                names.append(name)
            }
        }
        let vex = realFiles.appendingPathComponent("openvex")
        for name in try FileManager.default.contentsOfDirectory(atPath: vex.path).sorted() {
            number += 1
            files["vex/\(name)"] = try Data(contentsOf: vex.appendingPathComponent(name))
            records += "## SBOM-\(String(format: "%03d", number)): \(name)\n\n- File: sbom/spdx-2.3-minimal.spdx.json\n- VEX: vex/\(name)\n\n"
        }
        let project = try TemporaryProject(["sboms.md": records])
        for (path, data) in files { try project.write(path, data) }
        return (project, names)
    }

    @Test func realWorldSBOMsAndVEXMergeIntoOneValidDocument() throws {
        let (project, _) = try Self.realWorldProject()
        let loaded = try #require(project.load().project)
        let (analysis, diagnostics) = PackageAnalysis.withEvidence(loaded, root: project.root)
        // Real files have questionable parts (dangling refs, a newer spec), but none is unreadable.
        #expect(!diagnostics.contains { $0.id == "evidence-invalid" && $0.message.contains("cannot be read as") }, "\(diagnostics.map(\.message))")
        let data = MergedSBOM.encode(analysis)
        try project.write("merged.cdx.json", data)
        #expect(try Self.validate([project.root.appendingPathComponent("merged.cdx.json")]) == "")

        // Every component of every file is in the document, by its merged identity.
        let document = try JSONDecoder().decode(Summary.self, from: data)
        let components = document.components
        #expect(components.count == analysis.inventory.components.count)
        let purls = Set(components.compactMap(\.purl))
        for file in analysis.evidence.files.values {
            for component in file.sbom?.components ?? [] {
                if let purl = component.purl { #expect(purls.contains(purl), "\(file.path) \(component.jsonPath)") }
            }
        }
        let vulnerabilities = try #require(document.vulnerabilities)
        #expect(vulnerabilities.count == analysis.vulnerabilities.entries.count)
        #expect(vulnerabilities.count > 30)
    }

    @Test func theDocumentIsDeterministicAndItsSerialFollowsTheContent() throws {
        let (project, _) = try Self.realWorldProject()
        let loaded = try #require(project.load().project)
        let first = MergedSBOM.encode(PackageAnalysis.withEvidence(loaded, root: project.root).analysis)
        let second = MergedSBOM.encode(PackageAnalysis.withEvidence(loaded, root: project.root).analysis)
        #expect(first == second)
        let complete = Self.tests.appendingPathComponent("Fixtures/Complete")
        let other = MergedSBOM.encode(
            PackageAnalysis.withEvidence(try #require(ProjectLoader().load(complete).project), root: complete).analysis)
        func serial(_ data: Data) throws -> String? {
            try JSONDecoder().decode(Summary.self, from: data).serialNumber
        }
        #expect(try serial(first) != serial(other))
        #expect(try serial(first)?.range(of: #"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#, options: .regularExpression) != nil)
    }
}
