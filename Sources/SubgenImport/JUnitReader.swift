import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads JUnit XML as common runners write it (pytest, Surefire, jest-junit, gotestsum, CTest, SwiftPM, PHPUnit):
/// a `<testsuites>` root or a single `<testsuite>`, nested suites, `<failure>`, `<error>`, `<skipped>`.
public enum JUnitReader {
    public static func read(_ data: Data) -> Result<JUnitReport, ReadFailure> {
        // Foundation's XMLParser traps on a name or comment that is not UTF-8 (libxml2 passes such bytes on when
        // it recovers from errors), so those files never reach it.
        if let offset = UTF8Check.firstInvalidOffset(in: data) {
            return .failure(UTF8Check.failure(data, at: offset, format: "JUnit XML"))
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let builder = Builder(parser: parser)
        parser.delegate = builder
        guard parser.parse() else {
            let message = parser.parserError.map { "invalid XML: \($0.localizedDescription)" } ?? "invalid XML"
            return .failure(ReadFailure(message, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1)))
        }
        // libxml2 through Foundation accepts a document that stops inside an element; a truncated file is not valid.
        if builder.depth > 0 {
            return .failure(
                ReadFailure(
                    "invalid XML: the file ends before <\(builder.openElements.last ?? "")> is closed (truncated?)",
                    line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1)))
        }
        guard let root = builder.rootName else {
            return .failure(ReadFailure("the file is empty", line: 1, column: 1))
        }
        guard root == "testsuites" || root == "testsuite" else {
            return .failure(
                ReadFailure(
                    "not JUnit XML: the root element is <\(root)>, expected <testsuites> or <testsuite>",
                    line: builder.rootLine, column: 1))
        }
        return .success(JUnitReport(suites: builder.suites))
    }

    /// Builds the report while the parser walks the elements; only the elements JUnit defines matter.
    private final class Builder: NSObject, XMLParserDelegate {
        let parser: XMLParser
        var rootName: String?
        var rootLine = 1
        /// Names of the elements open at the current point.
        var openElements: [String] = []
        var depth: Int { openElements.count }
        var suites: [JUnitReport.Suite] = []
        private var openSuites: [JUnitReport.Suite] = []
        private var currentCase: JUnitReport.TestCase?
        /// The result element being read (`failure`, `error`, `skipped`) and its text so far.
        private var result: (kind: String, message: String?, text: String)?

        init(parser: XMLParser) {
            self.parser = parser
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if rootName == nil {
                rootName = name
                rootLine = parser.lineNumber
            }
            openElements.append(name)
            switch name {
            case "testsuite":
                openSuites.append(JUnitReport.Suite(name: attributes["name"] ?? "", suites: [], cases: [], line: parser.lineNumber))
            case "testcase":
                var outcome = JUnitReport.Outcome.passed
                // CTest marks tests it did not run only with an attribute.
                if let status = attributes["status"], status == "disabled" || status == "notrun" {
                    outcome = .skipped(status)
                }
                currentCase = JUnitReport.TestCase(
                    name: attributes["name"] ?? "", className: attributes["classname"] ?? "", outcome: outcome,
                    line: parser.lineNumber)
            case "failure", "error", "skipped":
                if currentCase != nil { result = (name, attributes["message"], "") }
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            result?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA data: Data) {
            result?.text += String(decoding: data, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
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
