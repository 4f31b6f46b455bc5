import Foundation
import SubgenEvidence
import SubgenImport
import SubgenTestSupport
import Testing

/// Components of several SBOM files merged with SW records (record-format.md: PURL, then name and version).
@Suite struct SBOMInventoryTests {
    static let firmware = Documents.cycloneDX(
        components: """
            [
              {"type": "library", "bom-ref": "zlib", "name": "zlib", "version": "1.3.1", "purl": "pkg:generic/zlib@1.3.1",
               "supplier": {"name": "zlib project"}, "hashes": [{"alg": "SHA-256", "content": "AB12"}],
               "licenses": [{"license": {"id": "Zlib"}}]},
              {"type": "library", "bom-ref": "rtos", "name": "FreeRTOS", "version": "11.1.0",
               "components": [{"bom-ref": "tcp", "name": "FreeRTOS-Plus-TCP", "version": "4.2.2",
                               "purl": "pkg:github/freertos/freertos-plus-tcp@4.2.2"}]}
            ]
            """,
        dependencies: #"[{"ref": "rtos", "dependsOn": ["tcp", "zlib"]}, {"ref": "zlib", "dependsOn": []}]"#)

    static let app = """
        {
          "spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "app", "dataLicense": "CC0-1.0",
          "documentNamespace": "https://example.com/app",
          "creationInfo": {"created": "2026-10-02T00:00:00Z", "creators": ["Organization: Example Medical", "Tool: syft-1.0"]},
          "packages": [
            {"SPDXID": "SPDXRef-zlib", "name": "zlib", "versionInfo": "1.3.1", "downloadLocation": "NOASSERTION",
             "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:generic/zlib@1.3.1"}],
             "checksums": [{"algorithm": "SHA1", "checksumValue": "cd34"}]},
            {"SPDXID": "SPDXRef-json", "name": "cJSON", "versionInfo": "1.7.18", "downloadLocation": "NOASSERTION",
             "supplier": "Organization: Dave Gamble"}
          ],
          "relationships": [{"spdxElementId": "SPDXRef-json", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-zlib"}]
        }
        """

    static let records = Documents.sbomRecord + """
        ## SBOM-002: Phone app

        - File: app.spdx.json

        # Components

        ## SW-001: FreeRTOS

        - Name: FreeRTOS
        - Version: 11.1.0
        - Supplier: Amazon
        - PURL: pkg:github/freertos/freertos-kernel@11.1.0
        - Support: Maintained
        - End of support: none announced

        ## SW-002: zlib

        - Name: zlib
        - Version: 1.3.1
        - Supplier: Jean-loup Gailly and Mark Adler
        - PURL: pkg:generic/zlib@1.3.1
        - Support: Limited
        - End of support: 2027-01-01

        ## SW-003: Bootloader

        - Name: Bootloader
        - Version: 2.0
        - Supplier: Example Medical
        - Support: Maintained
        - End of support: 2030-12-31

        """

    func loaded() throws -> LoadedEvidence {
        try LoadedEvidence(["components.md": Self.records, "fw.cdx.json": Self.firmware, "app.spdx.json": Self.app])
    }

    @Test func componentsInSeveralFilesAreShownOnceWithEverySource() throws {
        let loaded = try loaded()
        #expect(loaded.loaderDiagnostics.isEmpty)
        let inventory = loaded.inventory
        #expect(inventory.components.map(\.label) == ["Bootloader 2.0", "cJSON 1.7.18", "FreeRTOS 11.1.0", "FreeRTOS-Plus-TCP 4.2.2", "zlib 1.3.1"])
        let zlib = try #require(inventory.component(purl: "pkg:generic/zlib@1.3.1"))
        #expect(zlib.sources.map(\.file) == ["fw.cdx.json", "app.spdx.json"])
        #expect(zlib.sources.map(\.jsonPath) == ["$.components[0]", "$.packages[0]"])
        #expect(zlib.hashes == [SBOMHash(algorithm: "SHA-256", value: "ab12"), SBOMHash(algorithm: "SHA-1", value: "cd34")])
        #expect(zlib.record == "SW-002")
        // The record's values win over the files'.
        #expect(zlib.supplier == "Jean-loup Gailly and Mark Adler")
        #expect(zlib.support == "Limited" && zlib.endOfSupport == "2027-01-01")
    }

    @Test func recordsMatchByPURLThenByNameAndVersion() throws {
        let inventory = try loaded().inventory
        // SW-001's PURL is in no file, but its name and version match the FreeRTOS component of fw.cdx.json.
        let rtos = try #require(inventory.component(record: "SW-001"))
        #expect(rtos.sources.map(\.ref) == ["rtos"])
        #expect(rtos.purl == "pkg:github/freertos/freertos-kernel@11.1.0")
        // A record no file lists is a component of its own.
        let boot = try #require(inventory.component(record: "SW-003"))
        #expect(boot.sources.isEmpty && boot.label == "Bootloader 2.0")
        #expect(boot.missingElements == ["unique identifier (PURL or CPE)"])
    }

    @Test func dependencyGraphsOfEveryFileAreMerged() throws {
        let inventory = try loaded().inventory
        let rtos = try #require(inventory.component(record: "SW-001"))
        #expect(rtos.dependsOn == ["purl:pkg:github/freertos/freertos-plus-tcp@4.2.2", "purl:pkg:generic/zlib@1.3.1"])
        let json = try #require(inventory.components.first { $0.name == "cJSON" })
        #expect(json.dependsOn == ["purl:pkg:generic/zlib@1.3.1"] && json.inDependencyGraph)
        // NTIA: the cJSON package has no PURL or CPE and is missing nothing else.
        #expect(json.missingElements == ["unique identifier (PURL or CPE)"])
        let tcp = try #require(inventory.components.first { $0.name == "FreeRTOS-Plus-TCP" })
        #expect(tcp.missingElements == ["supplier"])
        #expect(tcp.support == nil && tcp.endOfSupport == nil)
    }

    @Test func supportPropertiesInTheFileAreRead() throws {
        let file = Documents.cycloneDX(components: """
            [{"bom-ref": "a", "name": "a", "version": "1", "purl": "pkg:generic/a@1",
              "properties": [{"name": "subgen:support:level", "value": "Limited"},
                             {"name": "subgen:support:end-of-support", "value": "2028-06-30"}]},
             {"bom-ref": "b", "name": "b", "version": "1", "purl": "pkg:generic/b@1",
              "properties": [{"name": "subgen:support:level", "value": "Sometimes"},
                             {"name": "subgen:support:end-of-support", "value": "soon"}]}]
            """)
        let loaded = try LoadedEvidence(["sbom.md": Documents.sbomRecord, "fw.cdx.json": file])
        let inventory = loaded.inventory
        let a = try #require(inventory.component(purl: "pkg:generic/a@1"))
        #expect(a.support == "Limited" && a.endOfSupport == "2028-06-30")
        let b = try #require(inventory.component(purl: "pkg:generic/b@1"))
        #expect(b.support == nil && b.endOfSupport == nil)
        // Both bad values are warnings at the component's line (the line of its bom-ref).
        let line = TemporaryProject.position(of: #""bom-ref": "b""#, in: file).line
        #expect(inventory.diagnostics.map(TemporaryProject.describe) == [
            "fw.cdx.json:\(line):1: warning: evidence-questionable", "fw.cdx.json:\(line):1: warning: evidence-questionable",
        ])
    }

    @Test func twoRecordsForOneComponentAreAWarning() throws {
        let records = Documents.sbomRecord + """
            ## SW-001: zlib

            - Name: zlib
            - Version: 1.3.1
            - Supplier: zlib
            - Support: Maintained
            - End of support: none announced

            ## SW-002: zlib again

            - Name: zlib
            - Version: 1.3.1
            - Supplier: zlib
            - Support: Limited
            - End of support: none announced

            """
        let file = Documents.cycloneDX(components: #"[{"bom-ref": "z", "name": "zlib", "version": "1.3.1"}]"#)
        let inventory = try LoadedEvidence(["sbom.md": records, "fw.cdx.json": file]).inventory
        #expect(inventory.diagnostics.map(TemporaryProject.describe) == [
            TemporaryProject.expect("sbom.md", "SW-002", in: records, .warning, "component-duplicate")
        ])
        #expect(inventory.component(record: "SW-002")?.support == "Maintained")
    }
}
