/// Test results read from a JUnit XML file: suites (possibly nested) holding test cases.
public struct JUnitReport: Hashable, Sendable {
    /// How one test case ended.
    public enum Outcome: Hashable, Sendable {
        case passed
        /// An assertion failed (`<failure>`), with its message or, lacking one, the first line of its text.
        case failed(String)
        /// The test could not run to completion (`<error>`).
        case error(String)
        /// `<skipped>`, or CTest's `status="disabled"`/`"notrun"`.
        case skipped(String)
    }

    public struct TestCase: Hashable, Sendable {
        public var name: String
        public var className: String
        public var outcome: Outcome
        /// Line of the `<testcase>` element in the file.
        public var line: Int
    }

    public struct Suite: Hashable, Sendable {
        public var name: String
        public var suites: [Suite]
        public var cases: [TestCase]
        public var line: Int

        /// Every case in this suite and its nested suites, in file order.
        public var allCases: [TestCase] { cases + suites.flatMap(\.allCases) }
    }

    /// Top-level suites (a `<testsuites>` root's children, or the single `<testsuite>` root).
    public var suites: [Suite]

    public var allCases: [TestCase] { suites.flatMap(\.allCases) }

    /// The cases a TEST record's evidence selector names: nil or empty for every case, `Suite` for a suite
    /// (at any depth), `Suite/case` for one case of it (by name, or by `classname.name`). Nil when nothing matches.
    public func cases(selectedBy selector: String?) -> [TestCase]? {
        guard let selector, !selector.isEmpty else { return allCases }
        let allSuites = suites.flatMap { Self.flatten($0) }
        if let suite = allSuites.first(where: { $0.name == selector }) { return suite.allCases }
        // Suite names may themselves contain `/`; try every split point from the right.
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

    private static func flatten(_ suite: Suite) -> [Suite] {
        [suite] + suite.suites.flatMap(flatten)
    }
}
