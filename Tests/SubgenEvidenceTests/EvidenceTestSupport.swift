import Foundation
import SubgenCore
import SubgenEvidence
import SubgenModel
import SubgenTestSupport
import Testing

/// A temporary project loaded with its evidence, and the merged views over it.
struct LoadedEvidence {
    let project: Project
    let evidence: Evidence
    /// Loader diagnostics (unreadable files, reader issues), as `file:line:column: severity: id`.
    let loaderDiagnostics: [String]
    let loaderMessages: [String]

    init(_ files: [String: String]) throws {
        let temporary = try TemporaryProject(files)
        try self.init(temporary)
    }

    init(_ temporary: TemporaryProject) throws {
        let result = temporary.load()
        let errors = result.diagnostics.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
        project = try #require(result.project)
        let (evidence, diagnostics) = EvidenceLoader(root: temporary.root).load(project)
        self.evidence = evidence
        loaderDiagnostics = diagnostics.sorted().map(TemporaryProject.describe)
        loaderMessages = diagnostics.sorted().map(\.message)
    }

    var inventory: SBOMInventory { SBOMInventory(project, evidence) }
}

/// Small evidence documents for the tests.
enum Documents {
    static func cycloneDX(components: String, dependencies: String = "[]", vulnerabilities: String = "[]", metadata: String? = nil) -> String {
        let meta = metadata ?? #"{"timestamp": "2026-10-01T00:00:00Z", "authors": [{"name": "Build Team"}]}"#
        return """
            {
              "bomFormat": "CycloneDX",
              "specVersion": "1.6",
              "metadata": \(meta),
              "components": \(components),
              "dependencies": \(dependencies),
              "vulnerabilities": \(vulnerabilities)
            }
            """
    }

    static let sbomRecord = """
        # SBOMs

        ## SBOM-001: Firmware

        - File: fw.cdx.json

        """
}
