import Foundation
import SubgenEvidence
import SubgenTestSupport
import Testing

/// Test results derived from JUnit XML and SARIF evidence.
@Suite struct TestEvidenceTests {
    static let junit = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites>
          <testsuite name="Auth">
            <testcase classname="auth" name="rejects_bad_token"/>
            <testcase classname="auth" name="rejects_expired_token"><failure message="expected 401, got 200"/></testcase>
          </testsuite>
          <testsuite name="Crypto">
            <testcase classname="crypto" name="aes_gcm_vectors"/>
            <testcase classname="crypto" name="fips_mode"><skipped message="no FIPS module"/></testcase>
          </testsuite>
          <testsuite name="Disabled">
            <testcase classname="x" name="later"><skipped/></testcase>
          </testsuite>
        </testsuites>
        """

    static let sarif = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "cppcheck", "version": "2.17.1",
          "rules": [{"id": "nullPointer", "defaultConfiguration": {"level": "error"}}]}},
          "results": [
            {"ruleId": "nullPointer", "message": {"text": "Null pointer dereference"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/pump.c"}, "region": {"startLine": 42}}}]},
            {"ruleId": "unusedVariable", "level": "note", "message": {"text": "Unused variable"}}
          ]}]}
        """

    static func records(_ tests: [(id: String, evidence: String, result: String?)]) -> String {
        var text = "# Tests\n\n"
        for test in tests {
            text += "## \(test.id): A test\n\n- Verifies: REQ-001\n- Type: Requirement\n"
            if let result = test.result { text += "- Result: \(result)\n" }
            text += "- Evidence: \(test.evidence)\n\n"
        }
        return text + "## REQ-001: Requirement\n\n- Verified by: TEST-001\n"
    }

    func outcomes(_ tests: [(id: String, evidence: String, result: String?)]) throws -> (TestEvidence, String) {
        let records = Self.records(tests)
        let loaded = try LoadedEvidence(["tests.md": records, "results/junit.xml": Self.junit, "results/scan.sarif": Self.sarif])
        #expect(loaded.loaderDiagnostics.isEmpty, "\(loaded.loaderMessages)")
        return (TestEvidence(loaded.project, loaded.evidence), records)
    }

    @Test func junitSelectorsPickTheCasesThatDecide() throws {
        let (evidence, _) = try outcomes([
            ("TEST-001", "results/junit.xml#Crypto", nil),
            ("TEST-002", "results/junit.xml#Auth/rejects_bad_token", nil),
            ("TEST-003", "results/junit.xml#Auth", nil),
            ("TEST-004", "results/junit.xml", nil),
            ("TEST-005", "results/junit.xml#Disabled", nil),
            ("TEST-006", "results/junit.xml#Crypto/crypto.aes_gcm_vectors", nil),
        ])
        let verdicts = evidence.outcomes.mapValues(\.verdict)
        #expect(verdicts == [
            "TEST-001": .pass, "TEST-002": .pass, "TEST-003": .fail, "TEST-004": .fail, "TEST-005": .notRun, "TEST-006": .pass,
        ])
        #expect(evidence.outcomes["TEST-001"]?.summary == "1 passed, 1 skipped")
        #expect(evidence.outcomes["TEST-003"]?.summary == "1 of 2 failed; first auth.rejects_expired_token: expected 401, got 200")
        #expect(evidence.outcomes["TEST-005"]?.summary == "all 1 skipped")
        #expect(evidence.diagnostics.isEmpty)
    }

    @Test func passWithFailingEvidenceIsAnError() throws {
        let (evidence, records) = try outcomes([("TEST-001", "results/junit.xml#Auth", "Pass")])
        #expect(evidence.diagnostics.map(TemporaryProject.describe) == [
            TemporaryProject.expect("tests.md", "Pass", in: records, .error, "evidence-contradicts-result")
        ])
        #expect(evidence.diagnostics[0].message.contains("expected 401, got 200"))
    }

    @Test func aSelectorMatchingNothingIsAnError() throws {
        let (evidence, records) = try outcomes([("TEST-001", "results/junit.xml#Auth/no_such_case", nil)])
        #expect(evidence.diagnostics.map(TemporaryProject.describe) == [
            TemporaryProject.expect("tests.md", "results/junit.xml#Auth", in: records, .error, "evidence-selector-unmatched")
        ])
        #expect(evidence.outcomes.isEmpty)
    }

    /// A 10,000-character selector or failure message is quoted at most 80 characters long.
    @Test func longSelectorsAndFailureMessagesAreCutInDiagnostics() throws {
        let long = String(repeating: "x", count: 10_000)
        let junit = "<testsuite name=\"S\"><testcase name=\"c\"><failure message=\"\(long)\"/></testcase></testsuite>"
        let records = Self.records([("TEST-001", "results/junit.xml#\(long)", nil), ("TEST-002", "results/junit.xml", "Pass")])
        let loaded = try LoadedEvidence(["tests.md": records, "results/junit.xml": junit])
        let diagnostics = TestEvidence(loaded.project, loaded.evidence).diagnostics
        #expect(diagnostics.map(\.id) == ["evidence-selector-unmatched", "evidence-contradicts-result"])
        for diagnostic in diagnostics {
            #expect(diagnostic.message.count < 300 && diagnostic.message.contains("xxxxx… ("), "\(diagnostic.message.prefix(200))")
        }
    }

    @Test func sarifWithOpenErrorsFails() throws {
        let (evidence, records) = try outcomes([("TEST-001", "results/scan.sarif", "Pass")])
        let outcome = try #require(evidence.outcomes["TEST-001"])
        #expect(outcome.verdict == .fail)
        #expect(outcome.summary == "cppcheck: open findings: 1 error, 1 note")
        #expect(evidence.diagnostics.map(TemporaryProject.describe) == [
            TemporaryProject.expect("tests.md", "Pass", in: records, .error, "evidence-contradicts-result")
        ])
    }
}
