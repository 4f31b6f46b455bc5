import Foundation
import SubgenCore

/// Reads JUnit XML as common runners write it (pytest, Surefire, jest-junit, gotestsum, CTest, SwiftPM, PHPUnit):
/// a `<testsuites>` root or a single `<testsuite>`, nested suites, `<failure>`, `<error>`, `<skipped>`.
public enum JUnitReader {
    public static func read(_ data: Data) -> Result<JUnitReport, ReadFailure> {
        var builder = Builder()
        if let failure = XMLStream.walk(data, { builder.handle($0) }) {
            if builder.rootName == nil && data.allSatisfy({ 0x20 == $0 || 0x0A == $0 || 0x0D == $0 || 0x09 == $0 }) {
                return .failure(ReadFailure("the file is empty", line: 1, column: 1))
            }
            var message = "invalid XML: \(DiagnosticText.short(failure.message))"
            if let open = builder.openElements.last, failure.line >= lastLine(data) {
                // Whatever libxml2 calls it, an error on the last line with elements open is a file cut short.
                message = "invalid XML: the file ends before <\(DiagnosticText.short(open))> is closed (truncated?)"
            }
            return .failure(ReadFailure(message, line: max(failure.line, 1), column: max(failure.column, 1)))
        }
        guard let root = builder.rootName else {
            return .failure(ReadFailure("the file is empty", line: 1, column: 1))
        }
        guard root == "testsuites" || root == "testsuite" else {
            return .failure(
                ReadFailure(
                    "not JUnit XML: the root element is <\(DiagnosticText.short(root))>, expected <testsuites> or <testsuite>",
                    line: builder.rootLine, column: 1))
        }
        return .success(JUnitReport(suites: builder.suites))
    }

    /// The line of the last byte that is not white space.
    private static func lastLine(_ data: Data) -> Int {
        let end = data.lastIndex { !(0x20 == $0 || 0x0A == $0 || 0x0D == $0 || 0x09 == $0) } ?? data.startIndex
        return JSONEvidence.position(ofOffset: data.distance(from: data.startIndex, to: end), in: data).0
    }

    /// Builds the report from the document's elements as `XMLStream` walks them; only the elements JUnit defines
    /// matter.
    private struct Builder {
        var rootName: String?
        var rootLine = 1
        /// Names of the elements open at the current point.
        var openElements: [String] = []
        var suites: [JUnitReport.Suite] = []
        private var openSuites: [JUnitReport.Suite] = []
        private var currentCase: JUnitReport.TestCase?
        /// The result element being read (`failure`, `error`, `skipped`) and its text so far.
        private var result: (kind: String, message: String?, text: String)?

        mutating func handle(_ event: XMLStream.Event) {
            switch event {
            case .start(let name, let attributes, let line): start(name, attributes: attributes, line: line)
            case .end(let name): end(name)
            case .text(let text): result?.text += text
            }
        }

        private mutating func start(_ name: String, attributes: [String: String], line: Int) {
            if rootName == nil {
                rootName = name
                rootLine = line
            }
            openElements.append(name)
            switch name {
            case "testsuite":
                openSuites.append(JUnitReport.Suite(name: attributes["name"] ?? "", suites: [], cases: [], line: line))
            case "testcase":
                var outcome = JUnitReport.Outcome.passed
                // CTest marks tests it did not run only with an attribute.
                if let status = attributes["status"], status == "disabled" || status == "notrun" {
                    outcome = .skipped(status)
                }
                currentCase = JUnitReport.TestCase(
                    name: attributes["name"] ?? "", className: attributes["classname"] ?? "", outcome: outcome,
                    line: line)
            case "failure", "error", "skipped":
                if currentCase != nil { result = (name, attributes["message"], "") }
            default:
                break
            }
        }

        private mutating func end(_ name: String) {
            _ = openElements.popLast()
            switch name {
            case "failure", "error", "skipped":
                guard let result, result.kind == name, var testCase = currentCase else { return }
                let firstLine = result.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                let written = result.message.flatMap { $0.isEmpty ? nil : $0 } ?? firstLine
                let message = written.trimmingCharacters(in: .whitespaces)
                switch (name, testCase.outcome) {
                case ("error", _): testCase.outcome = .error(message)
                case ("failure", .error): break
                case ("failure", _): testCase.outcome = .failed(message)
                case ("skipped", .passed): testCase.outcome = .skipped(message)
                default: break
                }
                currentCase = testCase
                self.result = nil
            case "testcase":
                guard let testCase = currentCase else { return }
                if openSuites.isEmpty {
                    // A bare <testcase> under <testsuites> still counts, in an unnamed suite.
                    openSuites.append(JUnitReport.Suite(name: "", suites: [], cases: [], line: testCase.line))
                    openSuites[0].cases.append(testCase)
                    suites.append(openSuites.removeLast())
                } else {
                    openSuites[openSuites.count - 1].cases.append(testCase)
                }
                currentCase = nil
            case "testsuite":
                guard let suite = openSuites.popLast() else { return }
                if openSuites.isEmpty {
                    suites.append(suite)
                } else {
                    openSuites[openSuites.count - 1].suites.append(suite)
                }
            default:
                break
            }
        }
    }
}
