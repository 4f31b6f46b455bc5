import Foundation
import SubgenImport
import Testing

/// The SPDX reader on six real SPDX 2.2/2.3 JSON files (Fixtures/spdx, origins in Fixtures/README.md) and on
/// small inline documents for what real files do not show.
@Suite struct SPDXReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/spdx")

    static func read(_ name: String) throws -> SBOMDocument {
        try SPDXReader.read(try Data(contentsOf: folder.appendingPathComponent(name))).get()
    }

    static func read(text: String) -> Result<SBOMDocument, ReadFailure> {
        SPDXReader.read(Data(text.utf8))
    }

    /// The failure for inline text, or an issue recorded when it was read.
    static func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ReadFailure? {
        switch read(text: text) {
        case .success:
            Issue.record("accepted: \(text.prefix(60))", sourceLocation: sourceLocation)
            return nil
        case .failure(let failure):
            return failure
        }
    }

    /// A minimal SPDX 2.3 document with these packages and relationships (JSON text of the array members).
    static func document(packages: [String] = [], relationships: [String] = [], extra: String = "") -> String {
        """
        {
          "spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "inline",
          "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: test"]},
          \(extra)
          "packages": [\(packages.joined(separator: ",\n"))],
          "relationships": [\(relationships.joined(separator: ",\n"))]
        }
        """
    }

    static func relationship(_ source: String, _ type: String, _ target: String) -> String {
        #"{"spdxElementId": "\#(source)", "relationshipType": "\#(type)", "relatedSpdxElement": "\#(target)"}"#
    }

    static func package(_ id: String, name: String? = nil) -> String {
        #"{"SPDXID": "\#(id)", "name": "\#(name ?? id)", "downloadLocation": "NOASSERTION"}"#
    }

    static func dependencies(_ document: SBOMDocument) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: document.dependencies.map { ($0.ref, $0.dependsOn) })
    }

    // MARK: - Real files

    @Test func everyRealFileReadsEveryPackageWithoutIssues() throws {
        let expected: [String: (version: String, packages: Int)] = [
            "spdx-2.2-sbom-tool-hello-src.spdx.json": ("2.2", 1),
            "spdx-2.2-appbomination-license-refs.spdx.json": ("2.2", 7),
            "spdx-2.3-k8s-bom-tool.spdx.json": ("2.3", 4),
            "spdx-2.3-maven-plugin-parlay-enriched.spdx.json": ("2.3", 6),
            "spdx-2.3-minimal.spdx.json": ("2.3", 1),
            "spdx-2.3-trivy-julia.spdx.json": ("2.3", 5),
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(expected.keys))
        for (name, facts) in expected {
            let document = try Self.read(name)
            #expect(document.format == .spdx, "\(name)")
            #expect(document.specVersion == facts.version, "\(name)")
            #expect(document.components.count == facts.packages, "\(name)")
            #expect(document.components.enumerated().allSatisfy { $1.jsonPath == "$.packages[\($0)]" }, "\(name)")
            #expect(document.issues == [], "\(name)")
            #expect(document.vulnerabilities == [], "\(name)")
        }
    }

    @Test func creatorsSplitIntoToolsAndAuthorsWithoutPrefixes() throws {
        let maven = try Self.read("spdx-2.3-maven-plugin-parlay-enriched.spdx.json")
        #expect(maven.tools == ["spdx-maven-plugin", "Parlay"])
        #expect(maven.authors == ["Gary O'Neall"])
        #expect(maven.timestamp == "2024-11-18T10:22:12Z")
        #expect(maven.name == "examplemaven")

        let hello = try Self.read("spdx-2.2-sbom-tool-hello-src.spdx.json")
        #expect(hello.tools == ["Microsoft.SBOMTool-0.2.7"])
        #expect(hello.authors == ["DocFest"])

        let minimal = try Self.read("spdx-2.3-minimal.spdx.json")
        #expect(minimal.tools == [])
        #expect(minimal.authors == ["Gary O'Neall (gary@sourceauditor.com)"])
        #expect(minimal.name == "SPDX Tools v1.1.5 Java SBOM")

        let trivy = try Self.read("spdx-2.3-trivy-julia.spdx.json")
        #expect(trivy.tools == ["trivy-dev"])
        #expect(trivy.authors == ["aquasecurity"])
        #expect(trivy.timestamp == "2021-08-25T12:20:30Z")
    }

    @Test func describesComesFromDocumentDescribesAndRelationships() throws {
        // documentDescribes and a DESCRIBES relationship naming the same package: listed once.
        #expect(try Self.read("spdx-2.2-appbomination-license-refs.spdx.json").describes == ["SPDXRef-1"])
        #expect(try Self.read("spdx-2.2-sbom-tool-hello-src.spdx.json").describes == ["SPDXRef-RootPackage"])
        // documentDescribes with a package and a file, no DESCRIBES relationship.
        #expect(
            try Self.read("spdx-2.3-k8s-bom-tool.spdx.json").describes == [
                "SPDXRef-Package-hello-server-src", "SPDXRef-File-hello-server",
            ])
        // Only a DESCRIBES relationship.
        #expect(try Self.read("spdx-2.3-maven-plugin-parlay-enriched.spdx.json").describes == ["SPDXRef-example"])
        #expect(try Self.read("spdx-2.3-minimal.spdx.json").describes == ["SPDXRef-Package"])
        #expect(try Self.read("spdx-2.3-trivy-julia.spdx.json").describes == ["SPDXRef-Filesystem-1be792dd0077c431"])
    }

    @Test func packageFactsFromAppBOMination() throws {
        let document = try Self.read("spdx-2.2-appbomination-license-refs.spdx.json")
        let app = try #require(document.components.first { $0.ref == "SPDXRef-1" })
        #expect(app.name == "App-BOM-ination")
        #expect(app.version == "1.0")
        #expect(app.supplier == "ACT Project")  // supplier wins over originator "Person: Yevester"
        #expect(app.hashes == [SBOMHash(algorithm: "SHA-1", value: "498cebd51a4483d6e68c2fc62d27008252fa4f7b")])
        #expect(app.licenses == ["(LicenseRef-1 AND Apache-2.0)", "Apache-2.0"])
        #expect(app.purl == nil)
        #expect(app.jsonPath == "$.packages[1]")

        let hamcrest = try #require(document.components.first { $0.name == "hamcrest-core" })
        #expect(hamcrest.ref == "SPDXRef-23")
        #expect(hamcrest.purl == "pkg:maven/org.hamcrest/hamcrest-core@1.3")
        #expect(hamcrest.licenses == ["BSD-3-Clause"])  // declared NOASSERTION left out
        #expect(hamcrest.supplier == nil)

        let gradle = try #require(document.components.first { $0.name == "Gradle" })
        #expect(gradle.licenses == ["Apache-2.0"])  // concluded and declared the same: once
        #expect(gradle.version == nil)
        #expect(gradle.hashes == [])
    }

    @Test func packageFactsFromK8sMavenAndMinimal() throws {
        let k8s = try Self.read("spdx-2.3-k8s-bom-tool.spdx.json")
        let hyper = try #require(k8s.components.first { $0.name == "hyper" })
        #expect(hyper.ref == "SPDXRef-Package-SPDXRef-Package-cargo-hyper-0.14")
        #expect(hyper.purl == "pkg:cargo/hyper@0.14")
        #expect(
            hyper.hashes == [
                SBOMHash(algorithm: "SHA-256", value: "02c929dc5c39e335a03c405292728118860721b10190d98c2a0f0efd5baafbac")
            ])
        #expect(k8s.components.first { $0.name == "pretty_env_logger" }?.licenses == ["MIT OR Apache-2.0"])

        let maven = try Self.read("spdx-2.3-maven-plugin-parlay-enriched.spdx.json")
        let junit = try #require(maven.components.first { $0.ref == "SPDXRef-junit" })
        #expect(junit.supplier == "JUnit")  // no supplier: the originator, without "Organization: "
        #expect(junit.licenses == ["CPL-1.0"])  // concluded NOASSERTION left out
        let example = try #require(maven.components.first { $0.ref == "SPDXRef-example" })
        #expect(example.supplier == "SPDX")
        #expect(example.type == "library")
        #expect(maven.components.first { $0.ref == "SPDXRef-log4jApi" }?.licenses == [])

        let minimal = try #require(try Self.read("spdx-2.3-minimal.spdx.json").components.first)
        #expect(minimal.name == "tools-java")
        #expect(minimal.version == "1.5.1")
        #expect(minimal.supplier == "SPDX (Spdx-tech@lists.spdx.org)")
        #expect(minimal.purl == "pkg:github/spdx/tools-java@2235d5d7f7fe46ce1e0d54b7831c5681633b25cc")
        #expect(minimal.licenses == [])
        #expect(minimal.type == nil)
        #expect(minimal.cpes == [])
    }

    @Test func noAssertionIsNoValue() throws {
        let hello = try #require(try Self.read("spdx-2.2-sbom-tool-hello-src.spdx.json").components.first)
        #expect(hello.supplier == "DocFest")
        #expect(hello.licenses == [])  // both NOASSERTION

        let trivy = try Self.read("spdx-2.3-trivy-julia.spdx.json")
        let a = try #require(trivy.components.first { $0.name == "A" })
        #expect(a.supplier == nil)  // supplier NOASSERTION, no originator
        #expect(a.licenses == [])
        #expect(a.purl == "pkg:julia/A@1.9.0?uuid=ead4f63c-334e-11e9-00e6-e7f0a5f21b60")
        #expect(trivy.components.map(\.type) == ["application", "library", "library", "library", "source"])
        // Two packages named B with different SPDXIDs are not duplicates.
        #expect(trivy.components.filter { $0.name == "B" }.count == 2)
    }

    @Test func dependencyOfAndContainedByAreReversed() throws {
        let document = try Self.read("spdx-2.2-appbomination-license-refs.spdx.json")
        #expect(document.dependencies.map(\.ref) == ["SPDXRef-22", "SPDXRef-1", "SPDXRef-5", "SPDXRef-13"])
        #expect(document.dependencies.map(\.jsonPath) == [
            "$.relationships[1]", "$.relationships[2]", "$.relationships[7]", "$.relationships[11]",
        ])
        let edges = Self.dependencies(document)
        #expect(edges["SPDXRef-22"] == ["SPDXRef-23"])  // SPDXRef-23 DEPENDENCY_OF SPDXRef-22
        // DEPENDENCY_OF, TEST_DEPENDENCY_OF and CONTAINED_BY (files) in relationship order; not METAFILE_OF.
        #expect(
            edges["SPDXRef-1"] == [
                "SPDXRef-21", "SPDXRef-22", "SPDXRef-20", "SPDXRef-7", "SPDXRef-9", "SPDXRef-14", "SPDXRef-10",
                "SPDXRef-11",
            ])
        #expect(edges["SPDXRef-5"] == ["SPDXRef-4", "SPDXRef-6"])
        #expect(edges["SPDXRef-13"] == ["SPDXRef-12"])
    }

    @Test func dependsOnContainsAndLinksAreForward() throws {
        let k8s = try Self.read("spdx-2.3-k8s-bom-tool.spdx.json")
        // GENERATED_FROM (file -> package) is not a dependency.
        #expect(
            k8s.dependencies == [
                SBOMDependency(
                    ref: "SPDXRef-Package-hello-server-src",
                    dependsOn: [
                        "SPDXRef-Package-SPDXRef-Package-cargo-pretty-env-logger-0.4.0",
                        "SPDXRef-Package-SPDXRef-Package-cargo-tokio-1",
                        "SPDXRef-Package-SPDXRef-Package-cargo-hyper-0.14",
                    ],
                    jsonPath: "$.relationships[0]")
            ])

        let maven = try Self.read("spdx-2.3-maven-plugin-parlay-enriched.spdx.json")
        // TEST_DEPENDENCY_OF reversed, DYNAMIC_LINK and CONTAINS forward; AMENDS, GENERATES, TEST_CASE_OF and
        // DESCRIBES are not dependencies.
        #expect(
            maven.dependencies == [
                SBOMDependency(
                    ref: "SPDXRef-example",
                    dependsOn: [
                        "SPDXRef-junit", "SPDXRef-log4jslf4jbinding", "SPDXRef-log4jslf4jApi", "SPDXRef-log4jApi",
                        "SPDXRef-log4jImpl", "SPDXRef-appsource", "SPDXRef-apptest",
                    ],
                    jsonPath: "$.relationships[1]")
            ])

        let trivy = Self.dependencies(try Self.read("spdx-2.3-trivy-julia.spdx.json"))
        #expect(
            trivy["SPDXRef-Application-c39d15beb6bdf085"] == [
                "SPDXRef-Package-789679ef84876c8d", "SPDXRef-Package-87b4e00fb433805d",
            ])
        #expect(trivy["SPDXRef-Filesystem-1be792dd0077c431"] == ["SPDXRef-Application-c39d15beb6bdf085"])
        #expect(trivy["SPDXRef-Package-87b4e00fb433805d"] == ["SPDXRef-Package-32e95bcb6c889958"])
        #expect(trivy.count == 3)

        // DESCRIBES and DOCUMENTATION_OF only: no dependencies.
        #expect(try Self.read("spdx-2.2-sbom-tool-hello-src.spdx.json").dependencies == [])
    }

    // MARK: - Inline documents

    @Test func everyDependencyRelationshipTypeAndItsDirection() throws {
        let ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"].map { "SPDXRef-\($0)" }
        let text = Self.document(
            packages: ids.map { Self.package($0) },
            relationships: [
                Self.relationship("SPDXRef-a", "DEPENDS_ON", "SPDXRef-b"),
                Self.relationship("SPDXRef-c", "DEPENDENCY_OF", "SPDXRef-a"),
                Self.relationship("SPDXRef-a", "STATIC_LINK", "SPDXRef-d"),
                Self.relationship("SPDXRef-a", "DYNAMIC_LINK", "SPDXRef-e"),
                Self.relationship("SPDXRef-f", "RUNTIME_DEPENDENCY_OF", "SPDXRef-a"),
                Self.relationship("SPDXRef-g", "BUILD_DEPENDENCY_OF", "SPDXRef-a"),
                Self.relationship("SPDXRef-h", "DEV_DEPENDENCY_OF", "SPDXRef-a"),
                Self.relationship("SPDXRef-i", "OPTIONAL_DEPENDENCY_OF", "SPDXRef-a"),
                Self.relationship("SPDXRef-j", "PROVIDED_DEPENDENCY_OF", "SPDXRef-a"),
                Self.relationship("SPDXRef-k", "TEST_DEPENDENCY_OF", "SPDXRef-a"),
                Self.relationship("SPDXRef-a", "HAS_PREREQUISITE", "SPDXRef-l"),
                Self.relationship("SPDXRef-m", "PREREQUISITE_FOR", "SPDXRef-a"),
                Self.relationship("SPDXRef-a", "CONTAINS", "SPDXRef-n"),
                Self.relationship("SPDXRef-a", "DEPENDS_ON", "SPDXRef-b"),  // repeated: listed once
                Self.relationship("SPDXRef-b", "CONTAINED_BY", "SPDXRef-c"),
                // Not dependencies.
                Self.relationship("SPDXRef-b", "GENERATED_FROM", "SPDXRef-d"),
                Self.relationship("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-a"),
                Self.relationship("SPDXRef-e", "DEPENDENCY_MANIFEST_OF", "SPDXRef-f"),
                Self.relationship("SPDXRef-g", "BUILD_TOOL_OF", "SPDXRef-h"),
                Self.relationship("SPDXRef-i", "OTHER", "SPDXRef-j"),
                // NOASSERTION and NONE endpoints are skipped.
                Self.relationship("SPDXRef-k", "DEPENDS_ON", "NOASSERTION"),
                Self.relationship("NONE", "DEPENDENCY_OF", "SPDXRef-l"),
            ])
        let document = try Self.read(text: text).get()
        #expect(
            document.dependencies == [
                SBOMDependency(
                    ref: "SPDXRef-a",
                    dependsOn: (["b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"]).map { "SPDXRef-\($0)" },
                    jsonPath: "$.relationships[0]"),
                SBOMDependency(ref: "SPDXRef-c", dependsOn: ["SPDXRef-b"], jsonPath: "$.relationships[14]"),
            ])
        #expect(document.issues == [])
        #expect(document.describes == ["SPDXRef-a"])
    }

    @Test func describedByAndDescribesAreMergedInOrder() throws {
        let text = Self.document(
            packages: [Self.package("SPDXRef-a"), Self.package("SPDXRef-b"), Self.package("SPDXRef-c")],
            relationships: [
                Self.relationship("SPDXRef-c", "DESCRIBED_BY", "SPDXRef-DOCUMENT"),
                Self.relationship("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-a"),
                Self.relationship("SPDXRef-a", "DESCRIBES", "SPDXRef-b"),  // not the document
                Self.relationship("SPDXRef-DOCUMENT", "DESCRIBES", "NOASSERTION"),
            ],
            extra: #""documentDescribes": ["SPDXRef-a"],"#)
        #expect(try Self.read(text: text).get().describes == ["SPDXRef-a", "SPDXRef-c"])
    }

    @Test func checksumAlgorithmsTakeCycloneDXNamesAndCPEsAreCollected() throws {
        let package = """
            {"SPDXID": "SPDXRef-a", "name": "a", "versionInfo": "2.0", "primaryPackagePurpose": "OPERATING-SYSTEM",
             "checksums": [
               {"algorithm": "SHA256", "checksumValue": "ABCDEF01"}, {"algorithm": "SHA512", "checksumValue": "aa"},
               {"algorithm": "SHA3-256", "checksumValue": "bb"}, {"algorithm": "BLAKE2b-384", "checksumValue": "cc"},
               {"algorithm": "BLAKE3", "checksumValue": "dd"}, {"algorithm": "MD5", "checksumValue": "ee"},
               {"algorithm": "ADLER32", "checksumValue": "ff"}, {"algorithm": "SHA1"}],
             "externalRefs": [
               {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:x:a:2.0:*:*:*:*:*:*:*"},
               {"referenceCategory": "SECURITY", "referenceType": "cpe22Type", "referenceLocator": "cpe:/a:x:a:2.0"},
               {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:generic/a@2.0"},
               {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:generic/other@2.0"}],
             "supplier": "Person: Jane Doe (jane@example.com)", "licenseConcluded": "NONE", "licenseDeclared": "MIT"}
            """
        let component = try #require(try Self.read(text: Self.document(packages: [package])).get().components.first)
        #expect(
            component.hashes == [
                SBOMHash(algorithm: "SHA-256", value: "abcdef01"), SBOMHash(algorithm: "SHA-512", value: "aa"),
                SBOMHash(algorithm: "SHA3-256", value: "bb"), SBOMHash(algorithm: "BLAKE2b-384", value: "cc"),
                SBOMHash(algorithm: "BLAKE3", value: "dd"), SBOMHash(algorithm: "MD5", value: "ee"),
                SBOMHash(algorithm: "ADLER32", value: "ff"),
            ])
        #expect(component.cpes == ["cpe:2.3:a:x:a:2.0:*:*:*:*:*:*:*", "cpe:/a:x:a:2.0"])
        #expect(component.purl == "pkg:generic/a@2.0")
        #expect(component.supplier == "Jane Doe (jane@example.com)")
        #expect(component.licenses == ["MIT"])
        #expect(component.type == "operating-system")
        #expect(component.version == "2.0")
    }

    @Test func duplicateSPDXIDIsAnErrorAndBothPackagesStay() throws {
        let text = Self.document(packages: [
            Self.package("SPDXRef-a", name: "first"), Self.package("SPDXRef-b"), Self.package("SPDXRef-a", name: "second"),
        ])
        let document = try Self.read(text: text).get()
        #expect(document.components.map(\.name) == ["first", "SPDXRef-b", "second"])
        #expect(
            document.issues == [
                ReadIssue(.error, "duplicate SPDXID 'SPDXRef-a' (first at $.packages[0])", at: "$.packages[2]")
            ])
    }

    @Test func unknownRelationshipElementIsAWarning() throws {
        let text = Self.document(
            packages: [Self.package("SPDXRef-a")],
            relationships: [
                Self.relationship("SPDXRef-a", "DEPENDS_ON", "SPDXRef-ghost"),
                Self.relationship("SPDXRef-a", "DEPENDS_ON", "DocumentRef-other:SPDXRef-x"),  // external: known
                Self.relationship("SPDXRef-a", "DEPENDS_ON", "NOASSERTION"),
                Self.relationship("SPDXRef-a", "CONTAINS", "SPDXRef-file"),
                Self.relationship("SPDXRef-snip", "GENERATED_FROM", "SPDXRef-a"),
                Self.relationship("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-a"),
            ],
            extra: #"""
                "files": [{"SPDXID": "SPDXRef-file", "fileName": "./x"}], "snippets": [{"SPDXID": "SPDXRef-snip"}],
                "documentDescribes": ["SPDXRef-a", "SPDXRef-nowhere"],
                """#)
        let document = try Self.read(text: text).get()
        #expect(
            document.issues == [
                ReadIssue(.warning, "documentDescribes names unknown element 'SPDXRef-nowhere'", at: "$.documentDescribes[1]"),
                ReadIssue(.warning, "relationship names unknown element 'SPDXRef-ghost'", at: "$.relationships[0]"),
            ])
        // The file is a dependency target but not a component.
        #expect(document.components.map(\.ref) == ["SPDXRef-a"])
        #expect(
            Self.dependencies(document)["SPDXRef-a"] == [
                "SPDXRef-ghost", "DocumentRef-other:SPDXRef-x", "SPDXRef-file",
            ])
    }

    @Test func namelessPackageIsKeptWithAnError() throws {
        let text = Self.document(packages: [#"{"SPDXID": "SPDXRef-a", "versionInfo": "1"}"#, Self.package("SPDXRef-b")])
        let document = try Self.read(text: text).get()
        #expect(document.components.map(\.name) == ["", "SPDXRef-b"])
        #expect(document.components.first?.version == "1")
        #expect(document.issues == [ReadIssue(.error, "package has no name", at: "$.packages[0]")])
    }

    @Test func missingOptionalMembersAreFine() throws {
        let text = #"{"spdxVersion": "SPDX-2.2", "packages": [{"SPDXID": "SPDXRef-a", "name": "a"}]}"#
        let document = try Self.read(text: text).get()
        #expect(document.specVersion == "2.2")
        #expect(document.name == nil && document.timestamp == nil)
        #expect(document.authors == [] && document.tools == [] && document.describes == [] && document.dependencies == [])
        #expect(document.components == [SBOMComponent(ref: "SPDXRef-a", name: "a", jsonPath: "$.packages[0]")])
        #expect(document.issues == [])
    }

    // MARK: - Bad input

    @Test func tagValueIsRefusedWithAHint() {
        let tagValue = [
            "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n",
            "\u{FEFF}  \n## Document Information\nSPDXVersion: SPDX-2.2\n",
            "DataLicense: CC0-1.0\r\nSPDXVersion: SPDX-2.3\r\n",
        ]
        for text in tagValue {
            let failure = Self.failure(text)
            #expect(failure?.message.hasPrefix("SPDX tag-value is not supported: export the SBOM as SPDX JSON") == true)
            #expect(failure?.message.contains("pyspdxtools -i FILE -o FILE.spdx.json") == true)
            #expect(failure?.line == 1 && failure?.column == 1)
        }
    }

    @Test func otherVersionsAndNonSPDXAreRefused() {
        let old = Self.failure(#"{"spdxVersion": "SPDX-2.1", "packages": []}"#)
        #expect(old?.message == "unsupported SPDX version 'SPDX-2.1'; subgen reads SPDX 2.2 and 2.3 JSON")

        let missing = Self.failure(#"{"bomFormat": "CycloneDX", "specVersion": "1.6"}"#)
        #expect(missing?.message == "not an SPDX document: no spdxVersion")

        let spdx3 = Self.failure(
            """
            {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
             "@graph": [{"type": "CreationInfo", "@id": "_:creationinfo", "specVersion": "3.0.1"}]}
            """)
        #expect(spdx3?.message.contains("SPDX 3") == true)
        #expect(spdx3?.message.contains("not supported") == true)

        let array = Self.failure("[]")
        #expect(array?.message.hasPrefix("$: expected an object") == true)
    }

    @Test func invalidJSONHasALineAndColumn() {
        let failure = Self.failure("{\n  \"spdxVersion\": \"SPDX-2.3\",\n  \"name\": oops\n}\n")
        #expect(failure?.message.hasPrefix("invalid JSON") == true)
        #expect(failure?.line == 3)
        #expect(failure?.column == 11)  // the `o` of `oops`
    }

    @Test func truncatedFileIsAFailure() {
        let text = #"{"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "SPDXRef-a", "name": "#
        let failure = Self.failure(text)
        #expect(failure?.message.hasPrefix("invalid JSON: the file ends early (truncated?)") == true)
        #expect(failure?.line == 1 && failure?.column == text.utf8.count + 1)
    }

    @Test func wrongShapeNamesTheJSONPath() {
        let failure = Self.failure(#"{"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "SPDXRef-a", "name": 7}]}"#)
        #expect(failure?.message.hasPrefix("$.packages[0].name: expected a string") == true)
    }

    @Test func emptyFileIsAFailure() {
        for data in [Data(), Data(" \n\t".utf8), Data([0xEF, 0xBB, 0xBF])] {
            guard case .failure(let failure) = SPDXReader.read(data) else {
                Issue.record("empty file was accepted"); continue
            }
            #expect(failure.message == "the file is empty")
            #expect(failure.line == 1 && failure.column == 1)
        }
    }
}
