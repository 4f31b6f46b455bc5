import Foundation
import Testing
@testable import SubgenImport

/// Selecting cases for many TEST records with one prepared `Selection` gives what `cases(selectedBy:)` gives.
@Suite struct JUnitSelectionTests {
    @Test(arguments: [
        ("Suite.case", "Suite", "case", true), ("Suite.case", "Suite", "cas", false), ("Suite.case", "Suit", "e.case", false),
        ("Suite.case", "", "Suite.case", false), (".case", "", "case", true), ("Suite.case", "Suite.case", "", false),
        ("Suite.case.", "Suite.case", "", true), ("Suité.case", "Suite\u{301}", "case", true), ("\u{212A}.x", "K", "x", true),
        ("K.x", "\u{212A}", "x", true), ("a.b", "a", "b\u{301}", false),
    ])
    func qualifiedNamesMatchInterpolation(text: String, className: String, name: String, expected: Bool) {
        let testCase = JUnitReport.TestCase(name: name, className: className, outcome: .passed, line: 1)
        #expect(JUnitReport.isQualifiedName(text, of: testCase) == ("\(className).\(name)" == text))
        #expect(JUnitReport.isQualifiedName(text, of: testCase) == expected)
    }

    static func testCase(_ name: String, _ className: String) -> JUnitReport.TestCase {
        JUnitReport.TestCase(name: name, className: className, outcome: .passed, line: 1)
    }

    static let report = JUnitReport(suites: [
        JUnitReport.Suite(
            name: "A", suites: [JUnitReport.Suite(name: "B/C", suites: [], cases: [testCase("x", "k")], line: 3)],
            cases: [testCase("x", "k"), testCase("y", "k"), testCase("x", "other")], line: 1),
        JUnitReport.Suite(name: "A", suites: [], cases: [testCase("z", "k")], line: 9),
        JUnitReport.Suite(name: "Caf\u{E9}", suites: [], cases: [testCase("w", "k")], line: 12),
    ])

    @Test(arguments: [
        nil, "", "A", "B/C", "A/x", "A/k.x", "A/z", "A/y", "A/q", "B/C/x", "B/C/k.x", "B", "Cafe\u{301}", "Cafe\u{301}/w",
        "Café/k.w", "/", "A/", "missing/x",
    ])
    func selectionMatchesTheReport(selector: String?) {
        let reference = Self.referenceCases(Self.report, selectedBy: selector)
        #expect(JUnitReport.Selection(Self.report).cases(selectedBy: selector) == reference)
        #expect(Self.report.cases(selectedBy: selector) == reference)
    }

    /// The selection as subgen made it before `Selection` (the reference).
    static func referenceCases(_ report: JUnitReport, selectedBy selector: String?) -> [JUnitReport.TestCase]? {
        func flatten(_ suite: JUnitReport.Suite) -> [JUnitReport.Suite] { [suite] + suite.suites.flatMap(flatten) }
        guard let selector, !selector.isEmpty else { return report.allCases }
        let allSuites = report.suites.flatMap(flatten)
        if let suite = allSuites.first(where: { $0.name == selector }) { return suite.allCases }
        var index = selector.endIndex
        while let slash = selector[..<index].lastIndex(of: "/") {
            let suiteName = String(selector[..<slash])
            let caseName = String(selector[selector.index(after: slash)...])
            for suite in allSuites where suite.name == suiteName {
                let matches = suite.allCases.filter { $0.name == caseName || "\($0.className).\($0.name)" == caseName }
                if !matches.isEmpty { return matches }
            }
            index = slash
        }
        return nil
    }
}
