import SubgenCore
import SubgenTestSupport
import Testing
@testable import SubgenModel

/// Each bad field value gives one diagnostic at the exact line and UTF-8 column of the bad value,
/// with non-ASCII text earlier on the line and in the file.
@Suite struct FieldValidationTests {
    /// Records the cases refer to, in their own file.
    static let support = """
        ## ASSET-001: Données

        - Type: data

        ## CTRL-001: Contrôle

        - Category: Authentication

        ## TEST-001: Test

        - Verifies: CTRL-001
        - Type: Fuzz
        - Result: Pass

        ## TEST-002: Test 2

        - Verifies: CTRL-001
        - Type: Fuzz
        - Result: Pass
        """

    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var needle: String
        var id: String
        var severity: Severity = .error
        var occurrence = 1
        var testDescription: String { id + " at " + needle }
    }

    static let cases: [Case] = [
        Case(
            text: "## ASSET-009: Ünïcødé — ☃\n\n- Type: dätä\n", needle: "dätä", id: "invalid-enum-value"),
        Case(
            text: "## THR-009: Ça\n\n- Assets: ASSET-001\n- STRIDE: Spoofing, Tämpering\n- Mitigated by: CTRL-001\n",
            needle: "Tämpering", id: "invalid-enum-value"),
        Case(
            text: "## TEST-009: Prüfung ✓\n\n- Verifies: CTRL-001\n- Type: Fuzz\n- Date: 2026-13-01\n",
            needle: "2026-13-01", id: "invalid-date"),
        Case(
            text: "## TEST-009: Prüfung\n\n- Verifies: CTRL-001\n- Type: Fuzz\n- Independent: ja\n",
            needle: "ja", id: "invalid-yes-no"),
        Case(
            text: "## THR-009: Ça — x\n\n- Assets: ASSET-001, ÄSSET\n- Mitigated by: CTRL-001\n",
            needle: "ÄSSET", id: "invalid-reference"),
        Case(
            text: "## THR-009: Ça — x\n\n- Assets: ASSET-001, FOO-1\n- Mitigated by: CTRL-001\n",
            needle: "FOO-1", id: "unknown-prefix"),
        Case(
            text: "## THR-009: Ça — x\n\n- Assets: ASSET-001\n- Mitigated by: CWE-79\n",
            needle: "CWE-79", id: "invalid-reference"),
        Case(
            text: "## THR-009: Ça — x\n\n- Assets: ASSET-001\n- Mitigated by: CTRL-001, CTRL-404\n",
            needle: "CTRL-404", id: "unresolved-reference"),
        // A value continued on the next line (the ID used to be placed at the start of the value).
        Case(
            text: "## THR-009: Ça — x\n\n- Assets: ASSET-001\n- Mitigated by: CTRL-001,\n  CTRL-001 ; CTRL-404\n",
            needle: "CTRL-001 ; CTRL-404", id: "invalid-reference"),
        Case(
            text: "## THR-009: Ça — x\n\n- Assets: ASSET-001\n- Mitigated by: CTRL-001,\n  CTRL-404\n",
            needle: "CTRL-404", id: "unresolved-reference"),
        Case(
            text: "## THR-009: Ça — x\n\n- Assets: ASSET-001\n- Mitigated by: ASSET-001\n",
            needle: "ASSET-001", id: "wrong-reference-kind", occurrence: 2),
        Case(
            text: "## FIND-009: Fund ü\n\n- Test: TEST-001, TEST-002\n- Severity: 5.0\n- Status: Open\n",
            needle: "TEST-001", id: "too-many-values"),
        Case(
            text: "## FIND-009: Fund ü\n\n- Test: TEST-001\n- Severity: hoch\n- Status: Open\n",
            needle: "hoch", id: "invalid-cvss"),
        Case(
            text: "## FIND-009: Fund ü\n\n- Test: TEST-001\n- Severity: 10.5\n- Status: Open\n",
            needle: "10.5", id: "invalid-cvss"),
        Case(
            text: "## ANOM-009: Anomalie ü\n\n- Security impact: no\n- CWE: 79\n- Assessment: ok\n",
            needle: "79", id: "invalid-cwe"),
        Case(
            text:
                "## SW-009: Bibliothèque\n\n- Name: x\n- Version: 1\n- Supplier: y\n- PURL: npm/x@1\n- Support: Maintained\n- End of support: none announced\n",
            needle: "npm/x@1", id: "invalid-purl"),
        Case(
            text:
                "## SW-009: Bibliothèque\n\n- Name: x\n- Version: 1\n- Supplier: y\n- Support: Maintained\n- End of support: 31.12.2027\n",
            needle: "31.12.2027", id: "invalid-date"),
        Case(text: "## LBL-009: Étiquette\n\n- Addresses: L3, L15\n", needle: "L15", id: "invalid-labeling-item"),
        Case(text: "## PLAN-009: Plän\n\n- Element: P10\n", needle: "P10", id: "invalid-plan-element"),
        Case(
            text: "## ASSET-009: Ünï\n\n- Type: data\n- Colour: blau\n", needle: "Colour", id: "unknown-field",
            severity: .warning),
        Case(
            text: "## ASSET-009: Ünï\n\n- Type: data\n- type: function\n", needle: "type", id: "duplicate-field"),
        Case(text: "## ASSET-009: Ünï\n\n- Type: data\n- plain item\n", needle: "plain item", id: "field-without-name"),
        Case(
            text: "## ASSET-009: Ünï\n\n- Type:\n", needle: "Type:", id: "missing-required-field"),
        Case(
            text: "## IF-009: Schnittstelle\n\n- Protocol: BLE\n- Connects:\n", needle: "Connects:", id: "empty-field",
            severity: .warning),
        Case(
            text: "## THR-009: Ça — x\n\n- Assets: ASSET-001\n- Mitigated by: CTRL-001, CTRL-001, CTRL-001\n",
            needle: "CTRL-001", id: "repeated-reference", severity: .warning, occurrence: 2),
        Case(
            text: "## ASSET-009: Ünï\n\n- Type: data\n\n  second paragraph\n", needle: "second", id: "field-content-ignored",
            severity: .warning),
    ]

    @Test(arguments: cases)
    func diagnosticAtExactPosition(_ testCase: Case) throws {
        let project = try TemporaryProject(["support.md": Self.support, "ünï/case.md": "# Fälle\n\n" + testCase.text])
        var expected = TemporaryProject.expect(
            "ünï/case.md", testCase.needle, in: "# Fälle\n\n" + testCase.text, occurrence: testCase.occurrence,
            testCase.severity, testCase.id)
        if testCase.id == "missing-required-field" || testCase.id == "empty-field" {
            // Empty values are reported right after the colon.
            expected = TemporaryProject.expect(
                "ünï/case.md", testCase.needle, in: "# Fälle\n\n" + testCase.text, offset: testCase.needle.utf8.count,
                testCase.severity, testCase.id)
        }
        #expect(project.diagnostics() == [expected])
    }

    @Test func aRepeatedIDCountsOnceWithOneWarningPerID() throws {
        let text = "# T\n\n## THR-009: T\n\n- Assets: ASSET-001, ASSET-001\n- Mitigated by: CTRL-001,\n  CTRL-001, CTRL-001\n"
        let project = try TemporaryProject(["support.md": Self.support, "t.md": text])
        let loaded = project.load()
        #expect(loaded.diagnostics.sorted().map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
            "5:22 'Assets' names ASSET-001 twice (first at line 5, column 11); it counts once: remove the repeats",
            "7:3 'Mitigated by' names CTRL-001 3 times (first at line 6, column 17); it counts once: remove the repeats",
        ])
        let threat = try #require(loaded.project?.records.first { $0.id == "THR-009" })
        #expect(threat.references.map(\.target) == ["ASSET-001", "CTRL-001"])
        #expect(threat.fields[key: "mitigated by"]?.parsed == .references(["CTRL-001"], text: []))
    }

    @Test func missingRequiredFieldsAreReportedAtTheHeading() throws {
        let text = "# Ü\n\n## RISK-009: Risiko ☃\n\n- Threats: THR-404\n"
        let project = try TemporaryProject(["r.md": text])
        let at = TemporaryProject.expect("r.md", "RISK-009", in: text, .error, "missing-required-field")
        #expect(project.diagnostics() == [
            at, at, at, at, at,
            TemporaryProject.expect("r.md", "THR-404", in: text, .error, "unresolved-reference"),
        ])
        let messages = project.load().diagnostics.sorted().map(\.message)
        #expect(messages.contains("risk RISK-009 is missing required field 'Residual exploitability'"))
        #expect(messages.contains("no record with ID 'THR-404'"))
    }

    @Test func messagesNameTheProblem() throws {
        let text = "## THR-009: x\n\n- Assets: ASSET-001\n- Mitigated by: ASSET-001, CTRL-01\n"
        let project = try TemporaryProject(["support.md": Self.support, "t.md": text])
        let messages = project.load().diagnostics.sorted().map(\.message)
        #expect(messages == [
            "ASSET-001 is an asset; 'Mitigated by' takes control IDs",
            "no record with ID 'CTRL-01'; did you mean 'CTRL-001'?",
        ])
    }
}
