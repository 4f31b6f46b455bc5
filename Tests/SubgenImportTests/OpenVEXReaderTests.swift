import Foundation
import SubgenImport
import Testing

/// The OpenVEX reader on real documents (Fixtures/openvex, origins in Fixtures/README.md) and on small bad ones.
@Suite struct OpenVEXReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/openvex")

    static func read(_ name: String) throws -> VEXDocument {
        try OpenVEXReader.read(try Data(contentsOf: folder.appendingPathComponent(name))).get()
    }

    static func read(json: String) throws -> VEXDocument {
        try OpenVEXReader.read(Data(json.utf8)).get()
    }

    /// The failure for a text that must not read; records an issue and returns nil when it reads.
    static func failure(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) -> ReadFailure? {
        switch OpenVEXReader.read(Data(json.utf8)) {
        case .success:
            Issue.record("accepted: \(json)", sourceLocation: sourceLocation)
            return nil
        case .failure(let failure):
            return failure
        }
    }

    /// A document around the given statements, as JSON text.
    static func document(_ statements: String) -> String {
        #"{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "doc", "author": "me", "statements": [\#(statements)]}"#
    }

    @Test func everyRealFileReadsEveryStatement() throws {
        let expected: [String: Int] = [
            "openvex-0.2.0-trivy-release.openvex.json": 21, "openvex-0.2.0-trivy-oci-images.openvex.json": 7,
            "openvex-0.2.0-subcomponents-fixed-not-affected.openvex.json": 5,
            "openvex-affected-then-not-affected-no-id.openvex.json": 2,
            "openvex-legacy-string-products-under-investigation.openvex.json": 4,
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(expected.keys))
        for (name, count) in expected {
            let document = try Self.read(name)
            #expect(document.statements.count == count, "\(name)")
            #expect(document.statements.map(\.jsonPath) == (0..<count).map { "$.statements[\($0)]" }, "\(name)")
            // Only the affected statement without an action_statement is short of what OpenVEX requires.
            let expectedIssues = name.hasPrefix("openvex-affected-then") ? 1 : 0
            #expect(document.issues.count == expectedIssues, "\(name): \(document.issues)")
        }
    }

    @Test func trivyReleaseVulnerabilityObjectsAndSubcomponentPurls() throws {
        let document = try Self.read("openvex-0.2.0-trivy-release.openvex.json")
        #expect(document.id == "aquasecurity/trivy:613fd55abbc2857b5ca28b07a26f3cd4c8b0ddc4c8a97c57497a2d4c4880d7fc")
        #expect(document.author == "Aqua Security")
        #expect(document.timestamp == "2024-07-09T11:38:00.115697+04:00")
        #expect(document.version == "1")
        #expect(document.statements.allSatisfy { $0.status == .notAffected && $0.state == "not_affected" })
        let justifications = document.statements.map(\.justification)
        #expect(justifications.filter { $0 == "vulnerable_code_not_present" }.count == 11)
        #expect(justifications.filter { $0 == "vulnerable_code_not_in_execute_path" }.count == 10)

        let first = document.statements[0]
        #expect(first.vulnerability == "GO-2024-2575")
        #expect(first.aliases == ["CVE-2024-26147", "GHSA-r53h-jv2g-vpx6"])
        #expect(first.description == "Helm's Missing YAML Content Leads To Panic in helm.sh/helm/v3")
        // The subcomponent (its @id and purl are the same), not the trivy product that contains it.
        #expect(first.affects == ["pkg:golang/helm.sh/helm/v3"])
        #expect(first.detail == "Govulncheck determined that the vulnerable code isn't called")
        #expect(first.responses.isEmpty)
        #expect(document.statements.last?.affects == ["pkg:golang/github.com/sigstore/timestamp-authority@v1.2.2"])
    }

    @Test func ociImageSubcomponentsAreDeduplicatedAcrossProducts() throws {
        let document = try Self.read("openvex-0.2.0-trivy-oci-images.openvex.json")
        #expect(document.statements.map(\.vulnerability).prefix(2) == ["CVE-2023-42363", "CVE-2023-42364"])
        #expect(document.statements.allSatisfy { $0.justification == "vulnerable_code_cannot_be_controlled_by_adversary" })
        // Three registries each list the same three apk subcomponents.
        #expect(document.statements[0].affects == ["pkg:apk/alpine/busybox", "pkg:apk/alpine/busybox-binsh", "pkg:apk/alpine/ssl_client"])
        #expect(document.statements[0].detail == "awk is not used")
        #expect(document.statements[6].vulnerability == "CVE-2024-6119")
        #expect(document.statements[6].affects == ["pkg:apk/alpine/libcrypto3", "pkg:apk/alpine/libssl3"])
        #expect(document.statements.contains { $0.affects.contains { $0.hasPrefix("pkg:oci/") } } == false)
    }

    @Test func goVexFixedAndNotAffectedWithSubcomponents() throws {
        let document = try Self.read("openvex-0.2.0-subcomponents-fixed-not-affected.openvex.json")
        #expect(document.author == "The OpenVEX Project <openvex@openssf.org>")
        #expect(document.timestamp == "2023-07-17T18:28:47.696004345-06:00")
        #expect(document.statements.map(\.status) == [.fixed, .fixed, .fixed, .notAffected, .notAffected])
        #expect(document.statements.map(\.vulnerability) == ["CVE-2023-1255", "CVE-2023-2650", "CVE-2023-2975", "CVE-2023-3446", "CVE-2023-3817"])
        #expect(document.statements.allSatisfy { $0.affects == ["pkg:apk/alpine/libssl3@3.0.8-r3", "pkg:apk/alpine/libcrypto3@3.0.8-r3"] })
        #expect(document.statements[0].justification == nil)
        #expect(document.statements[3].justification == "vulnerable_code_not_present")
        #expect(document.statements[3].detail == "affected functions were removed before packaging")
    }

    @Test func affectedThenNotAffectedKeepsTheirOrderAndTheMissingId() throws {
        let document = try Self.read("openvex-affected-then-not-affected-no-id.openvex.json")
        #expect(document.id == nil)
        #expect(document.author == "Aqua Security")
        // The document's own timestamp, not the first statement's.
        #expect(document.timestamp == "2023-01-16T19:07:16.853479631-06:00")
        #expect(document.version == "1")
        #expect(document.statements.map(\.status) == [.affected, .notAffected])
        #expect(document.statements.map(\.vulnerability) == ["CVE-2021-44228", "CVE-2021-44228"])
        #expect(document.statements.allSatisfy { $0.affects == ["pkg:maven/org.springframework.boot/spring-boot@2.6.0"] })
        #expect(document.statements[1].justification == "vulnerable_code_not_in_execute_path")
        #expect(document.issues.map(\.severity) == [.warning])
        #expect(document.issues.map(\.jsonPath) == ["$.statements[0]"])
        #expect(document.issues.first?.message.contains("action_statement") == true)
    }

    @Test func legacyStringsAreTakenAsWritten() throws {
        let document = try Self.read("openvex-legacy-string-products-under-investigation.openvex.json")
        #expect(document.author == "John Doe")
        #expect(document.id == "https://openvex.dev/docs/public/vex-c387e5e30d92b7a54412468ebc3af98805b5d8a8e60e9b1cabda755ff6a6ae57")
        #expect(document.version == nil && document.timestamp == nil)
        #expect(document.statements.allSatisfy { $0.vulnerability == "CVE-1234-5678" && $0.aliases.isEmpty })
        #expect(document.statements.allSatisfy { $0.status == .underInvestigation && $0.state == "under_investigation" })
        // The status_notes are empty strings, which count as absent.
        #expect(document.statements.allSatisfy { $0.detail == nil })
        #expect(
            document.statements.map(\.affects) == [
                ["pkg:oci/alpine@sha256%3Af271e74b17ced29b915d351685fd4644785c6d1559dd1f2d4189a5e851ef753a"], ["nginx"],
                ["registry.k8s.io/kube-apiserver:v1.26.0"], ["pkg:oci/kube-apiserver?repository_url=registry.k8s.io&tag=v1.26.0"],
            ])
    }

    @Test func legacySubcomponentsBesideTheProductsAreWhatIsAffected() throws {
        let document = try Self.read(
            json: Self.document(
                #"{"vulnerability": "CVE-1", "products": ["pkg:oci/app"], "subcomponents": ["pkg:apk/a", "pkg:apk/b"], "status": "fixed"}"#))
        #expect(document.statements.map(\.affects) == [["pkg:apk/a", "pkg:apk/b"]])
    }

    @Test func theContextMustBeOpenVEX() throws {
        let wrong = Self.failure(#"{"@context": "https://cyclonedx.org/schema", "statements": []}"#)
        #expect(wrong?.message == "not an OpenVEX document: @context is 'https://cyclonedx.org/schema'")
        let lookalike = Self.failure(#"{"@context": "https://openvex.dev/nsfoo", "statements": []}"#)
        #expect(lookalike?.message.hasPrefix("not an OpenVEX document: @context is") == true)
        let missing = Self.failure(#"{"bomFormat": "CycloneDX", "specVersion": "1.5"}"#)
        #expect(missing?.message == "not an OpenVEX document: it has no @context")
        #expect(Self.failure(#"{"@context": ["https://openvex.dev/ns"], "statements": []}"#)?.message.contains("not a string") == true)
        #expect(Self.failure(#"[1, 2]"#)?.message.contains("not a JSON object") == true)

        #expect(try Self.read(json: #"{"@context": "https://openvex.dev/ns", "statements": []}"#).statements.isEmpty)
        #expect(try Self.read(json: #"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": []}"#).issues.isEmpty)
        let noStatements = Self.failure(#"{"@context": "https://openvex.dev/ns/v0.2.0", "author": "me"}"#)
        #expect(noStatements?.message.hasPrefix("$.statements: missing") == true)
    }

    @Test func malformedJSONIsAFailureWithAPosition() throws {
        let invalid = try #require(Self.failure("{\n  \"@context\": \"https://openvex.dev/ns\",\n  \"statements\": [,]\n}"))
        #expect(invalid.message.hasPrefix("invalid JSON"))
        #expect(invalid.line == 3)
        #expect(invalid.column > 1)

        let truncated = try #require(Self.failure("{\n  \"@context\": \"https://openvex.dev/ns\",\n  \"statements\": [\n    {\"vulnerab"))
        #expect(truncated.message.contains("truncated"))
        #expect(truncated.line == 4)

        let empty = try #require(Self.failure(""))
        #expect(empty.message == "the file is empty")
        #expect(empty.line == 1 && empty.column == 1)
    }

    @Test func aValueOfTheWrongShapeNamesItsPath() throws {
        let failure = try #require(Self.failure(Self.document(#"{"vulnerability": "CVE-1", "products": 7, "status": "fixed"}"#)))
        #expect(failure.message.hasPrefix("$.statements[0].products: expected an array"))
    }

    @Test func anUnknownStatusIsAnErrorAndReadsAsUnderInvestigation() throws {
        let document = try Self.read(
            json: Self.document(#"{"vulnerability": {"name": "CVE-1"}, "products": [{"@id": "pkg:x"}], "status": "exploitable"}"#))
        #expect(document.statements.map(\.status) == [.underInvestigation])
        #expect(document.statements.map(\.state) == ["exploitable"])
        #expect(document.issues == [ReadIssue(.error, "unknown VEX status 'exploitable'", at: "$.statements[0].status")])
    }

    @Test func aStatementWithoutVulnerabilityIsSkipped() throws {
        let document = try Self.read(
            json: Self.document(
                #"{"products": ["pkg:x"], "status": "fixed"}, {"vulnerability": {"name": ""}, "products": ["pkg:x"], "status": "fixed"},"#
                    + #"{"vulnerability": {"@id": "https://nvd.nist.gov/vuln/detail/CVE-2019-17571"}, "products": ["pkg:x"], "status": "fixed"}"#))
        #expect(document.statements.map(\.jsonPath) == ["$.statements[2]"])
        // Without a name, the last path component of the vulnerability's @id.
        #expect(document.statements.map(\.vulnerability) == ["CVE-2019-17571"])
        #expect(document.issues.map(\.jsonPath) == ["$.statements[0]", "$.statements[1]"])
        #expect(document.issues.allSatisfy { $0.severity == .error && $0.message.contains("no vulnerability") })
    }

    @Test func aStatementWithoutProductsIsKeptWithAnError() throws {
        let document = try Self.read(
            json: Self.document(#"{"vulnerability": "CVE-1", "status": "fixed"}, {"vulnerability": "CVE-2", "products": [], "status": "fixed"}"#))
        #expect(document.statements.map(\.affects) == [[], []])
        #expect(
            document.issues == [
                ReadIssue(.error, "statement names no product", at: "$.statements[0]"),
                ReadIssue(.error, "statement names no product", at: "$.statements[1]"),
            ])
    }

    @Test func openVEXRequirementsOnNotAffectedAndAffectedAreWarnings() throws {
        let document = try Self.read(
            json: Self.document(
                [
                    #"{"vulnerability": "CVE-1", "products": ["p"], "status": "not_affected", "status_notes": "checked"}"#,
                    #"{"vulnerability": "CVE-2", "products": ["p"], "status": "not_affected", "impact_statement": "unused"}"#,
                    #"{"vulnerability": "CVE-3", "products": ["p"], "status": "affected"}"#,
                    #"{"vulnerability": "CVE-4", "products": ["p"], "status": "affected", "action_statement": "update to 2.0"}"#,
                ].joined(separator: ",")))
        #expect(
            document.issues == [
                ReadIssue(
                    .warning, "not_affected statement gives neither justification nor impact_statement (OpenVEX requires one)",
                    at: "$.statements[0]"),
                ReadIssue(.warning, "affected statement gives no action_statement (OpenVEX requires one)", at: "$.statements[2]"),
            ])
        #expect(document.statements.map(\.detail) == ["checked", "unused", nil, nil])
        #expect(document.statements.map(\.responses) == [[], [], [], ["update to 2.0"]])
    }

    @Test func aVersionWrittenAsAStringAndAProductWithoutIdentifiers() throws {
        let document = try Self.read(
            json: #"{"@context": "https://openvex.dev/ns", "version": "3", "statements": [{"vulnerability": "CVE-1", "#
                + #""products": [{"@id": "pkg:a", "identifiers": {"purl": "pkg:a2"}}, {"hashes": {"sha-256": "ab"}}], "status": "fixed"}]}"#)
        #expect(document.version == "3")
        #expect(document.statements.map(\.affects) == [["pkg:a", "pkg:a2"]])
        #expect(document.issues.map(\.jsonPath) == ["$.statements[0].products[1]"])
        #expect(document.issues.map(\.severity) == [.warning])
    }
}
