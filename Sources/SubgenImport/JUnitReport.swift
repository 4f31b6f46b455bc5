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
        Selection(self).cases(selectedBy: selector)
    }

    /// `cases(selectedBy:)` for many selectors of one report: the suites are flattened and looked up by name once.
    public struct Selection: Sendable {
        private let report: JUnitReport
        /// Every suite at any depth, depth first, with all its cases.
        private let suites: [(name: String, cases: [TestCase])]
        /// Suite name -> positions in `suites`, in order.
        private let positions: [String: [Int]]

        public init(_ report: JUnitReport) {
            self.report = report
            suites = report.suites.flatMap { JUnitReport.flatten($0) }.map { ($0.name, $0.allCases) }
            var positions: [String: [Int]] = [:]
            for (position, suite) in suites.enumerated() { positions[suite.name, default: []].append(position) }
            self.positions = positions
        }

        /// The same as `JUnitReport.cases(selectedBy:)`.
        public func cases(selectedBy selector: String?) -> [TestCase]? {
            guard let selector, !selector.isEmpty else { return report.allCases }
            if let first = suites(named: selector).first { return suites[first].cases }
            // Suite names may themselves contain `/`; try every split point from the right.
            var index = selector.endIndex
            while let slash = selector[..<index].lastIndex(of: "/") {
                let suiteName = String(selector[..<slash])
                let caseName = String(selector[selector.index(after: slash)...])
                for position in suites(named: suiteName) {
                    let matches = suites[position].cases.filter {
                        $0.name == caseName || JUnitReport.isQualifiedName(caseName, of: $0)
                    }
                    if !matches.isEmpty { return matches }
                }
                index = slash
            }
            return nil
        }

        /// Positions of the suites whose name equals `name`, in order (string keys hash and compare as `==` does,
        /// canonically equivalent spellings alike).
        private func suites(named name: String) -> [Int] {
            positions[name] ?? []
        }
    }

    /// Whether `text == "\(testCase.className).\(testCase.name)"`, without building the string when all three
    /// are ASCII (then equal strings are equal bytes; other text is compared as Swift strings, which match
    /// canonically equivalent spellings).
    static func isQualifiedName(_ text: String, of testCase: TestCase) -> Bool {
        let (bytes, className, name) = (text.utf8, testCase.className.utf8, testCase.name.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }), className.allSatisfy({ $0 < 0x80 }), name.allSatisfy({ $0 < 0x80 }) else {
            return "\(testCase.className).\(testCase.name)" == text
        }
        guard bytes.count == className.count + 1 + name.count, bytes.starts(with: className) else { return false }
        let dot = bytes.index(bytes.startIndex, offsetBy: className.count)
        return bytes[dot] == UInt8(ascii: ".") && bytes[bytes.index(after: dot)...].elementsEqual(name)
    }

    fileprivate static func flatten(_ suite: Suite) -> [Suite] {
        [suite] + suite.suites.flatMap(flatten)
    }
}
