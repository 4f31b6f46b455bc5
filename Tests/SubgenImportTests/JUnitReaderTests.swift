import Foundation
import SubgenImport
import Testing

/// The JUnit reader on real files from eight runners (Fixtures/junit, origins in Fixtures/README.md).
@Suite struct JUnitReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/junit")

    static func read(_ name: String) throws -> JUnitReport {
        try JUnitReader.read(try Data(contentsOf: folder.appendingPathComponent(name))).get()
    }

    static func counts(_ report: JUnitReport) -> (passed: Int, failed: Int, errors: Int, skipped: Int) {
        var counts = (passed: 0, failed: 0, errors: 0, skipped: 0)
        for testCase in report.allCases {
            switch testCase.outcome {
            case .passed: counts.passed += 1
            case .failed: counts.failed += 1
            case .error: counts.errors += 1
            case .skipped: counts.skipped += 1
            }
        }
        return counts
    }

    @Test func everyRealFileReadsEveryCase() throws {
        let expected: [String: Int] = [
            "junit-ctest-4.4.4.xml": 9, "junit-gotestsum.xml": 60, "junit-jest-junit.xml": 6,
            "junit-maven-surefire-errors-unicode.xml": 9, "junit-maven-surefire-flaky.xml": 1,
            "junit-nested-testsuites.xml": 5, "junit-pytest-9.2.0.xml": 15, "junit-swift-testing-6.3.1.xml": 7,
            "junit-swift-xctest-6.3.1.xml": 4,
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".xml") }
        #expect(Set(files) == Set(expected.keys))
        for (name, count) in expected {
            #expect(try Self.read(name).allCases.count == count, "\(name)")
        }
    }

    @Test func surefireErrorsAndFailuresKeepUnicodeMessages() throws {
        let report = try Self.read("junit-maven-surefire-errors-unicode.xml")
        let counts = Self.counts(report)
        #expect(counts.errors == 5 && counts.failed == 2 && counts.passed == 2)
        #expect(report.allCases.contains { $0.outcome == .error("Invalid email address 'user@ñandú.com.ar'") })
        #expect(report.suites.map(\.name) == ["action.surefire.report.email.EmailAddressTest"])
    }

    @Test func flakyTestThatPassedOnRerunIsAPass() throws {
        #expect(try Self.read("junit-maven-surefire-flaky.xml").allCases.map(\.outcome) == [.passed])
    }

    @Test func jestFailureWithoutMessageUsesItsFirstLine() throws {
        let report = try Self.read("junit-jest-junit.xml")
        let failure = try #require(report.allCases.first { if case .failed = $0.outcome { return true } else { return false } })
        guard case .failed(let message) = failure.outcome else { return }
        #expect(!message.isEmpty)
        #expect(Self.counts(report).skipped == 1)
    }

    @Test func ctestStatusesAndPytestOutcomes() throws {
        let ctest = Self.counts(try Self.read("junit-ctest-4.4.4.xml"))
        #expect(ctest.passed + ctest.failed + ctest.errors + ctest.skipped == 9)
        #expect(ctest.skipped >= 2)  // the disabled test (attribute only) and the missing executable
        let pytest = Self.counts(try Self.read("junit-pytest-9.2.0.xml"))
        #expect(pytest.errors == 2)  // setup and teardown errors
        #expect(pytest.skipped == 3)  // skip, skipif, xfail
    }

    @Test func nestedSuitesAndSelectors() throws {
        let report = try Self.read("junit-nested-testsuites.xml")
        #expect(report.suites.count == 1)
        #expect(report.suites[0].suites.map(\.name) == ["TestSuite1", "TestSuite2"])
        #expect(report.cases(selectedBy: nil)?.count == 5)
        #expect(report.cases(selectedBy: "TestSuite2")?.map(\.name) == ["TestCase4", "TestCase3"])
        #expect(report.cases(selectedBy: "TestSuite2.1/TestCase3")?.map(\.name) == ["TestCase3"])
        #expect(report.cases(selectedBy: "TestSuite1/someName.TestCase2")?.map(\.name) == ["TestCase2"])
        #expect(report.cases(selectedBy: "TestSuite1/Nope") == nil)
        #expect(report.cases(selectedBy: "Nope") == nil)
    }

    @Test func badInputIsAFailureWithAPosition() {
        let truncated = JUnitReader.read(Data("<testsuites>\n  <testsuite name=\"a\">\n    <testcase".utf8))
        guard case .failure(let failure) = truncated else { Issue.record("truncated XML was accepted"); return }
        #expect(failure.line >= 2)
        #expect(failure.message.hasPrefix("invalid XML"))

        guard case .failure(let wrongRoot) = JUnitReader.read(Data("<?xml version=\"1.0\"?>\n<html/>".utf8)) else {
            Issue.record("an HTML root was accepted"); return
        }
        #expect(wrongRoot.message.contains("root element is <html>"))
        #expect(wrongRoot.line == 2)

        guard case .failure(let empty) = JUnitReader.read(Data()) else { Issue.record("empty file was accepted"); return }
        #expect(empty.line == 1)

        guard case .failure = JUnitReader.read(Data([0xFF, 0xFE, 0x00])) else { Issue.record("binary was accepted"); return }
    }
}
