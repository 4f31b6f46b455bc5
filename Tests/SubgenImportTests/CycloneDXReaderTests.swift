import Foundation
import SubgenImport
import Testing

/// The CycloneDX reader on real files from five generators and scanners (Fixtures/cyclonedx, origins in
/// Fixtures/README.md), and on small inline documents for what real files rarely get wrong.
@Suite struct CycloneDXReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cyclonedx")

    static func read(_ name: String) throws -> SBOMDocument {
        try CycloneDXReader.read(try Data(contentsOf: folder.appendingPathComponent(name))).get()
    }

    static func read(json: String) -> Result<SBOMDocument, ReadFailure> {
        CycloneDXReader.read(Data(json.utf8))
    }

    static func failure(_ json: String) -> ReadFailure? {
        guard case .failure(let failure) = read(json: json) else { return nil }
        return failure
    }

    static func component(_ document: SBOMDocument, _ name: String) throws -> SBOMComponent {
        try #require(document.components.first { $0.name == name }, "no component \(name)")
    }

    // MARK: - Real files

    @Test func everyRealFileReadsEveryComponentDependencyAndVulnerability() throws {
        // components (the described one and nested ones included), dependencies, vulnerabilities
        let expected: [String: (components: Int, dependencies: Int, vulnerabilities: Int)] = [
            "cdx-1.4-laravel-php-composer.json": (63, 63, 0),
            "cdx-1.4-vex-cisa-case8.json": (0, 0, 8),
            "cdx-1.5-trivy-pom-with-vulnerabilities.json": (4, 4, 2),
            "cdx-1.5-cyclonedx-py-requirements.json": (6, 6, 0),
            "cdx-1.6-cyclonedx-py-environment.json": (10, 10, 0),
            "cdx-1.6-node-npm-bundled-nested.json": (53, 53, 0),
            "cdx-1.7-trivy-npm-with-vulnerabilities.json": (14, 14, 1),
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(expected.keys))
        for (name, counts) in expected {
            let document = try Self.read(name)
            #expect(document.format == .cycloneDX, "\(name)")
            #expect(document.components.count == counts.components, "\(name)")
            #expect(document.dependencies.count == counts.dependencies, "\(name)")
            #expect(document.vulnerabilities.count == counts.vulnerabilities, "\(name)")
            // Real files have no duplicate refs, nameless components or dangling dependencies.
            #expect(document.issues.filter { $0.jsonPath != "$.specVersion" } == [], "\(name)")
        }
    }

    @Test func laravelComposerLegacyToolsDescribedComponentAndAuthorAsSupplier() throws {
        let document = try Self.read("cdx-1.4-laravel-php-composer.json")
        #expect(document.specVersion == "1.4")
        #expect(document.tools == ["cyclonedx-php-composer in-dev"])  // the 1.4 array form
        #expect(document.timestamp == nil)
        #expect(document.authors == [])
        #expect(document.name == "cyclonedx-php-composer-demo")
        #expect(document.describes == ["cyclonedx/cyclonedx-php-composer-demo-dev-master"])

        let described = document.components[0]
        #expect(described.jsonPath == "$.metadata.component")
        #expect(described.ref == "cyclonedx/cyclonedx-php-composer-demo-dev-master")
        #expect(described.type == "application")
        #expect(described.supplier == "Jan Kowalleck")  // from `author`

        let cors = document.components[1]
        #expect(cors.jsonPath == "$.components[0]")
        #expect(cors.ref == "asm89/stack-cors-1.3.0.0")
        #expect(cors.name == "stack-cors" && cors.version == "1.3.0" && cors.type == "library")
        #expect(cors.purl == "pkg:composer/asm89/stack-cors@1.3.0")
        #expect(cors.licenses == ["MIT"])
        #expect(cors.supplier == "Alexander")
        #expect(cors.hashes == [] && cors.cpes == [])
        #expect(cors.parent == nil)
        #expect(cors.properties.first == SBOMProperty(name: "cdx:composer:package:distReference", value: "b9c31def6a83f84b4d4a40d35996d375755f0e08"))
        #expect(cors.properties.count == 3)

        #expect(
            document.dependencies[0]
                == SBOMDependency(
                    ref: "asm89/stack-cors-1.3.0.0",
                    dependsOn: ["symfony/http-foundation-5.4.16.0", "symfony/http-kernel-5.4.16.0"],
                    jsonPath: "$.dependencies[0]"))
        #expect(document.dependencies[1] == SBOMDependency(ref: "brick/math-0.9.3.0", dependsOn: [], jsonPath: "$.dependencies[1]"))
    }

    @Test func npmBundledDependenciesAreFlattenedUnderTheirParent() throws {
        let document = try Self.read("cdx-1.6-node-npm-bundled-nested.json")
        #expect(document.tools == ["npm 11.4.1", "cyclonedx-library 8.4.0", "cyclonedx-npm 3.1.0"])
        #expect(document.timestamp == nil)
        #expect(document.describes == ["demo-bundled-deps@0.0.0"])

        let bundle = "demo-bundled-deps@0.0.0|bundle-dependencies@1.0.2"
        #expect(document.components.map(\.jsonPath).prefix(3) == ["$.metadata.component", "$.components[0]", "$.components[0].components[0]"])
        #expect(document.components[1].ref == bundle && document.components[1].parent == nil)
        #expect(document.components.filter { $0.parent == bundle }.count == 50)
        // Document order: the bundled components come before the next top-level one.
        #expect(document.components.last?.name == "is-obj")
        #expect(document.components.last?.jsonPath == "$.components[1]")

        let ansi = try Self.component(document, "ansi-regex")
        #expect(ansi.jsonPath == "$.components[0].components[0]")
        #expect(ansi.parent == bundle)
        #expect(ansi.supplier == "Sindre Sorhus" && ansi.licenses == ["MIT"])
        let yargs = try Self.component(document, "yargs")
        #expect(yargs.jsonPath == "$.components[0].components[49]")
        #expect(yargs.supplier == nil)  // no author

        #expect(try Self.component(document, "spdx-expression-parse").licenses == ["(MIT AND CC-BY-3.0)"])  // expression
        #expect(try Self.component(document, "symbol").licenses == ["MPLv2.0"])  // name
        #expect(document.dependencies[0].dependsOn == [bundle, "demo-bundled-deps@0.0.0|is-obj@3.0.0"])
    }

    @Test func pythonEnvironmentObjectToolsLicenseFormsAndRootDependencies() throws {
        let document = try Self.read("cdx-1.6-cyclonedx-py-environment.json")
        #expect(document.specVersion == "1.6")
        #expect(document.tools == ["cyclonedx-py 7.5.0", "cyclonedx-python-lib 11.12.0"])  // the 1.5+ object form
        #expect(document.timestamp == "2026-01-01T00:00:00+00:00")
        #expect(document.name == "fixture-demo")
        #expect(document.describes == ["root-component"])
        #expect(document.components[0].licenses == ["MIT"])
        #expect(document.components[0].version == "0.1.0")

        #expect(try Self.component(document, "packaging").licenses == ["Apache-2.0 OR BSD-2-Clause"])
        let certifi = try Self.component(document, "certifi")
        #expect(certifi.licenses == ["MPL-2.0", "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)"])
        #expect(certifi.purl == "pkg:pypi/certifi@2026.10.18")
        #expect(certifi.ref == "certifi==2026.10.18")

        let root = try #require(document.dependencies.first { $0.ref == "root-component" })
        #expect(root.dependsOn == ["attrs==26.1.0", "packaging==26.3", "requests==2.32.3"])
        #expect(root.jsonPath == "$.dependencies[7]")
    }

    @Test func pythonRequirementsComponentsWithoutVersions() throws {
        let document = try Self.read("cdx-1.5-cyclonedx-py-requirements.json")
        #expect(document.describes == [] && document.name == nil)
        #expect(document.tools == ["cyclonedx-py 7.5.0", "cyclonedx-python-lib 11.12.0"])
        #expect(document.timestamp == "2026-01-01T00:00:00+00:00")
        #expect(document.components.filter { $0.version == nil }.map(\.name) == ["click", "packaging", "pyyaml", "urllib3"])
        #expect(document.components.filter { $0.version != nil }.map(\.name) == ["certifi", "requests"])
        #expect(document.components.allSatisfy { $0.licenses.isEmpty && $0.supplier == nil })
        // The only hash in the file is on an external reference, not on the component.
        #expect(try Self.component(document, "certifi").hashes == [])
        #expect(try Self.component(document, "requests").properties == [SBOMProperty(name: "cdx:python:package:required-extra", value: "socks")])
        #expect(try Self.component(document, "packaging").purl == "pkg:pypi/packaging")
        #expect(document.dependencies.allSatisfy { $0.dependsOn.isEmpty })
    }

    @Test func cisaVEXStatesJustificationsAndBOMLinks() throws {
        let document = try Self.read("cdx-1.4-vex-cisa-case8.json")
        #expect(document.components == [] && document.tools == [] && document.authors == [] && document.timestamp == nil)
        let statements = document.vulnerabilities
        #expect(statements.map(\.vulnerability) == Array(repeating: "CVE-2021-44228", count: 4) + Array(repeating: "CVE-2021-45105", count: 4))
        #expect(
            statements.map(\.state) == [
                "exploitable", "not_affected", "not_affected", "resolved", "exploitable", "not_affected", "not_affected", "resolved",
            ])
        #expect(statements.map(\.status) == [.affected, .notAffected, .notAffected, .fixed, .affected, .notAffected, .notAffected, .fixed])
        #expect(statements.filter { $0.status == .notAffected }.allSatisfy { $0.justification == "code_not_present" })
        #expect(statements[0].justification == nil)
        #expect(statements[0].responses == ["will_not_fix", "update"])
        #expect(statements[1].responses == ["will_not_fix"])
        #expect(statements[3].responses == [])
        #expect(statements[3].detail == "This version of Product JKL has been fixed.")
        #expect(statements[7].jsonPath == "$.vulnerabilities[7]")
        #expect(statements[0].source == "NVD")
        // BOM-Links into other BOMs are kept as written, and are not dangling refs.
        #expect(
            statements[0].affects == [
                "urn:cdx:cbb2cd68-2857-43b8-a10b-e8c03d277d18/1#product-ABC",
                "urn:cdx:e4c3eedc-4978-470c-ad02-6ffff63738ff/1#product-JKL",
            ])
        #expect(
            statements[4].ratings == [
                VEXStatement.Rating(
                    method: "CVSSv31", score: 5.9, severity: "medium", vector: "AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", source: "NVD")
            ])
        #expect(document.issues == [])
    }

    @Test func trivyVulnerabilitiesWithoutAnalysisAreUnderInvestigationWithEveryRating() throws {
        let document = try Self.read("cdx-1.5-trivy-pom-with-vulnerabilities.json")
        #expect(document.tools == ["trivy dev"])
        #expect(document.timestamp == "2021-08-25T12:20:30+00:00")
        #expect(document.describes == ["3ff14136-e09f-4df9-80ea-000000000001"])
        #expect(try Self.component(document, "pom.xml").version == nil)
        #expect(
            try Self.component(document, "jackson-databind").properties.map(\.value) == [
                "com.fasterxml.jackson.core:jackson-databind:2.9.1", "pom",
            ])

        let first = document.vulnerabilities[0]
        #expect(first.vulnerability == "CVE-2020-9548")
        #expect(first.source == "ghsa")
        #expect(first.status == .underInvestigation && first.state == "")
        #expect(first.justification == nil && first.responses == [])
        #expect(first.cwes == [502])
        #expect(first.description?.hasPrefix("FasterXML jackson-databind 2.x before 2.9.10.4") == true)
        #expect(first.affects == ["pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.1"])
        #expect(first.jsonPath == "$.vulnerabilities[0]")
        #expect(
            first.ratings == [
                VEXStatement.Rating(severity: "critical", source: "ghsa"),
                VEXStatement.Rating(method: "CVSSv2", score: 6.8, severity: "medium", vector: "AV:N/AC:M/Au:N/C:P/I:P/A:P", source: "nvd"),
                VEXStatement.Rating(
                    method: "CVSSv31", score: 9.8, severity: "critical", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                    source: "nvd"),
                VEXStatement.Rating(
                    method: "CVSSv31", score: 8.1, severity: "high", vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
                    source: "redhat"),
            ])
        #expect(document.vulnerabilities[1].vulnerability == "CVE-2021-20190")
        #expect(document.vulnerabilities[1].source == "glad")
    }

    @Test func specVersion17IsReadWithAWarning() throws {
        let document = try Self.read("cdx-1.7-trivy-npm-with-vulnerabilities.json")
        #expect(document.specVersion == "1.7")
        #expect(
            document.issues == [
                ReadIssue(.warning, "spec version 1.7 is newer than 1.6, the newest subgen knows; read as 1.6", at: "$.specVersion")
            ])
        #expect(document.tools == ["trivy dev"])
        #expect(try Self.component(document, "jquery").licenses == ["MIT"])
        let vulnerability = try #require(document.vulnerabilities.first)
        #expect(vulnerability.vulnerability == "CVE-2019-11358")
        #expect(vulnerability.cwes == [79])
        #expect(vulnerability.ratings.count == 11)
        #expect(vulnerability.ratings.last == VEXStatement.Rating(severity: "low", source: "ubuntu"))
        #expect(vulnerability.ratings.filter { $0.score != nil }.map(\.method) == ["CVSSv2", "CVSSv31", "CVSSv3"])
    }

    // MARK: - Inline documents

    @Test func metadataAuthorsAndTheirFallbacks() throws {
        let written = try Self.read(
            json: """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {
                  "authors": [{"name": "Ada", "email": "ada@example.com"}, {"name": "Bo"}, {"email": "ci@example.com"}, {}],
                  "manufacture": {"name": "Maker"}, "supplier": {"name": "Seller"}}}
                """
        ).get()
        #expect(written.authors == ["Ada <ada@example.com>", "Bo", "ci@example.com"])

        let fallbacks: [(String, [String])] = [
            (#""manufacture": {"name": "Old"}, "manufacturer": {"name": "New"}, "supplier": {"name": "S"}"#, ["Old"]),
            (#""manufacturer": {"name": "New"}, "supplier": {"name": "S"}"#, ["New"]),
            (#""supplier": {"name": "S"}"#, ["S"]),
            (#""authors": [], "supplier": {"url": ["https://example.com"]}"#, []),
        ]
        for (metadata, authors) in fallbacks {
            let document = try Self.read(json: #"{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {\#(metadata)}}"#).get()
            #expect(document.authors == authors, "\(metadata)")
        }
    }

    @Test func toolServicesAndToolsWithoutVersion() throws {
        let document = try Self.read(
            json: """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {"tools": {
                  "components": [{"type": "application", "name": "scanner"}],
                  "services": [{"name": "sbom-service", "version": "2"}]}}}
                """
        ).get()
        #expect(document.tools == ["scanner", "sbom-service 2"])
    }

    @Test func supplierHashesCPEAndTypeOfAComponent() throws {
        let document = try Self.read(
            json: """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
                  {"type": "Library", "name": "a", "supplier": {"name": "Sup"}, "manufacturer": {"name": "Man"}, "author": "Au",
                   "cpe": "cpe:2.3:a:acme:a:1.0:*:*:*:*:*:*:*",
                   "hashes": [{"alg": "SHA-256", "content": "ABCDEF0123"}, {"alg": "MD5", "content": "ff00"}]},
                  {"type": "library", "name": "b", "manufacturer": {"name": "Man"}, "publisher": "Pub"},
                  {"type": "library", "name": "c", "publisher": "Pub", "author": "Au"},
                  {"type": "library", "name": "d", "author": "Au", "authors": [{"name": "First"}]},
                  {"type": "library", "name": "e", "authors": [{"name": "First"}, {"name": "Second"}]},
                  {"type": "library", "name": "f", "supplier": {"name": ""}}
                ]}
                """
        ).get()
        #expect(document.components.map(\.supplier) == ["Sup", "Man", "Pub", "Au", "First", nil])
        let first = document.components[0]
        #expect(first.type == "library")
        #expect(first.cpes == ["cpe:2.3:a:acme:a:1.0:*:*:*:*:*:*:*"])
        #expect(first.hashes == [SBOMHash(algorithm: "SHA-256", value: "abcdef0123"), SBOMHash(algorithm: "MD5", value: "ff00")])
        #expect(first.ref == "")
    }

    @Test func vulnerabilityAliasesAndUnknownState() throws {
        let document = try Self.read(
            json: """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "vulnerabilities": [
                  {"id": "CVE-2024-1", "references": [{"id": "GHSA-xxxx", "source": {"name": "GitHub"}}],
                   "ratings": [{"severity": "HIGH"}], "affects": [{"ref": "x"}], "analysis": {"state": "maybe"}},
                  {"ratings": []}
                ]}
                """
        ).get()
        let statements = document.vulnerabilities
        #expect(statements[0].aliases == ["GHSA-xxxx"])
        #expect(statements[0].ratings == [VEXStatement.Rating(severity: "high")])
        #expect(statements[0].status == .underInvestigation && statements[0].state == "maybe")
        #expect(statements[1].vulnerability == "" && statements[1].affects == [])
        #expect(
            document.issues == [
                ReadIssue(.warning, "unknown analysis state 'maybe'; read as under investigation", at: "$.vulnerabilities[0].analysis.state"),
                ReadIssue(.warning, "vulnerability has no id", at: "$.vulnerabilities[1]"),
            ])
    }

    @Test func duplicateBomRefsAreErrorsAtTheSecond() throws {
        let document = try Self.read(
            json: """
                {"bomFormat": "CycloneDX", "specVersion": "1.5",
                 "metadata": {"component": {"bom-ref": "app", "type": "application", "name": "app"}},
                 "components": [
                  {"bom-ref": "a", "type": "library", "name": "a"},
                  {"bom-ref": "b", "type": "library", "name": "b", "components": [{"bom-ref": "a", "type": "library", "name": "a2"}]},
                  {"bom-ref": "app", "type": "library", "name": "app again"},
                  {"type": "library", "name": "no ref"}, {"bom-ref": "", "type": "library", "name": "empty ref"}
                ]}
                """
        ).get()
        #expect(document.components.count == 7)  // the described component, and duplicates are kept
        #expect(document.components[3].parent == "b" && document.components[3].jsonPath == "$.components[1].components[0]")
        #expect(
            document.issues == [
                ReadIssue(.error, "duplicate bom-ref 'a' (first at $.components[0])", at: "$.components[1].components[0]"),
                ReadIssue(.error, "duplicate bom-ref 'app' (first at $.metadata.component)", at: "$.components[2]"),
            ])
    }

    @Test func danglingDependenciesAreWarningsAndKeptAsWritten() throws {
        let document = try Self.read(
            json: """
                {"bomFormat": "CycloneDX", "specVersion": "1.4",
                 "metadata": {"component": {"bom-ref": "app", "type": "application", "name": "app"}},
                 "components": [{"bom-ref": "a", "type": "library", "name": "a"}],
                 "dependencies": [
                  {"ref": "app", "dependsOn": ["a", "ghost"]},
                  {"ref": "nobody", "dependsOn": ["a"]},
                  {"ref": "a"}
                ]}
                """
        ).get()
        #expect(
            document.dependencies == [
                SBOMDependency(ref: "app", dependsOn: ["a", "ghost"], jsonPath: "$.dependencies[0]"),
                SBOMDependency(ref: "nobody", dependsOn: ["a"], jsonPath: "$.dependencies[1]"),
                SBOMDependency(ref: "a", dependsOn: [], jsonPath: "$.dependencies[2]"),
            ])
        #expect(
            document.issues == [
                ReadIssue(.warning, "dependency names unknown bom-ref 'ghost'", at: "$.dependencies[0].dependsOn[1]"),
                ReadIssue(.warning, "dependency names unknown bom-ref 'nobody'", at: "$.dependencies[1]"),
            ])
    }

    @Test func namelessComponentIsKeptWithAnError() throws {
        let document = try Self.read(
            json: """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
                  {"bom-ref": "p", "type": "library", "name": "parent", "components": [{"bom-ref": "x", "type": "file", "version": "1"}]}
                ]}
                """
        ).get()
        let nameless = document.components[1]
        #expect(nameless.name == "" && nameless.ref == "x" && nameless.version == "1" && nameless.parent == "p")
        #expect(document.issues == [ReadIssue(.error, "component has no name", at: "$.components[0].components[0]")])
    }

    // MARK: - Bad input

    @Test func invalidJSONFailsWithLineAndColumn() throws {
        let failure = try #require(
            Self.failure(
                """
                {
                  "bomFormat": "CycloneDX",
                  "specVersion": "1.5",
                  "components": [ {"name": "a"} oops ]
                }
                """))
        #expect(failure.message.hasPrefix("invalid JSON"))
        #expect(failure.line == 4)
        #expect(failure.column == 33)  // the `o` of `oops`
    }

    @Test func truncatedFileFailsAtItsEnd() throws {
        let failure = try #require(
            Self.failure(
                """
                {"bomFormat": "CycloneDX", "specVersion": "1.5",
                 "components": [{"type": "library", "name": "a"
                """))
        #expect(failure.message.contains("truncated"))
        #expect(failure.line == 2)
    }

    @Test func otherFormatsAreNotCycloneDX() throws {
        let spdx = try #require(Self.failure(#"{"bomFormat": "SPDX", "specVersion": "1.5"}"#))
        #expect(spdx.message == "not a CycloneDX document: bomFormat is 'SPDX'")
        let none = try #require(Self.failure(#"{"spdxVersion": "SPDX-2.3", "packages": {}}"#))
        #expect(none.message == "not a CycloneDX document: it has no bomFormat")
        let noVersion = try #require(Self.failure(#"{"bomFormat": "CycloneDX"}"#))
        #expect(noVersion.message == "CycloneDX document has no specVersion")
    }

    @Test func oldAndNonOneSpecVersionsFail() throws {
        for version in ["1.2", "1.3", "2.0", "1", "1.x", "1.5.1"] {
            // The body of an old version is not looked at: a 1.2 dependency was an object, not a string.
            let failure = try #require(
                Self.failure(#"{"bomFormat": "CycloneDX", "specVersion": "\#(version)", "components": 3}"#), "\(version)")
            #expect(failure.message == "unsupported CycloneDX spec version \(version); subgen reads 1.4 to 1.6")
        }
        let newer = try Self.read(json: #"{"bomFormat": "CycloneDX", "specVersion": "1.12"}"#).get()
        #expect(newer.issues.map(\.message) == ["spec version 1.12 is newer than 1.6, the newest subgen knows; read as 1.6"])
    }

    @Test func wrongShapesFailWithAJSONPath() throws {
        let array = try #require(Self.failure(#"[{"bomFormat": "CycloneDX", "specVersion": "1.5"}]"#))
        #expect(array.message.hasPrefix("$: expected an object"))

        let noRef = try #require(Self.failure(#"{"bomFormat": "CycloneDX", "specVersion": "1.5", "dependencies": [{"ref": "a"}, {"dependsOn": []}]}"#))
        #expect(noRef.message == "$.dependencies[1].ref: missing required member 'ref'")

        let tools = try #require(Self.failure(#"{"bomFormat": "CycloneDX", "specVersion": "1.4", "metadata": {"tools": [{"name": 7}]}}"#))
        #expect(tools.message.hasPrefix("$.metadata.tools[0].name: expected a string"))
    }

    @Test func emptyFileFails() throws {
        for text in ["", "  \n"] {
            let failure = try #require(Self.failure(text))
            #expect(failure.message == "the file is empty")
            #expect(failure.line == 1 && failure.column == 1)
        }
    }
}
