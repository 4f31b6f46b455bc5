import SubgenCore
import SubgenImport
import SubgenModel

/// What a test's evidence file says: the result derived from JUnit cases or SARIF findings.
public struct TestOutcome: Hashable, Sendable {
    public enum Verdict: String, Hashable, Sendable {
        case pass = "Pass"
        case fail = "Fail"
        case notRun = "Not run"
    }

    public var verdict: Verdict
    /// A few words for people: `12 passed, 1 skipped`, `1 of 5 failed: expected 200`.
    public var summary: String
    /// The evidence as written in the record (`results/junit.xml#Suite/case`).
    public var evidence: String
}

/// Every TEST record's evidence outcome, and the errors where a record contradicts its evidence.
public struct TestEvidence: Sendable {
    /// TEST record ID -> the outcome its evidence shows.
    public private(set) var outcomes: [String: TestOutcome] = [:]
    public private(set) var diagnostics: [Diagnostic] = []

    public init(_ project: Project, _ evidence: Evidence) {
        // Each JUnit file's suites are looked up by name, prepared once for all the tests naming the file.
        var selections: [String: JUnitReport.Selection] = [:]
        for record in project.records(ofKind: "test") {
            guard case .file(let attachment) = record.value("Evidence"), let file = evidence.files[attachment.path] else { continue }
            let outcome: TestOutcome
            let written = attachment.written + (attachment.selector.map { "#" + $0 } ?? "")
            switch file.content {
            case .junit(let report):
                let selection = selections[attachment.path] ?? JUnitReport.Selection(report)
                selections[attachment.path] = selection
                guard let cases = selection.cases(selectedBy: attachment.selector) else {
                    diagnostics.append(
                        .error(
                            "evidence-selector-unmatched",
                            "\(DiagnosticText.quote("#" + (attachment.selector ?? ""))) names no suite and no 'suite/case' in \(attachment.path)",
                            at: attachment.location))
                    continue
                }
                outcome = Self.outcome(of: cases, evidence: written)
            case .sarif(let log):
                if let selector = attachment.selector, !selector.isEmpty {
                    diagnostics.append(
                        .error(
                            "evidence-selector-unmatched",
                            "\(DiagnosticText.quote("#" + selector)): a selector applies to JUnit XML only; name the SARIF file alone",
                            at: attachment.location))
                }
                outcome = Self.outcome(of: log, evidence: written)
            case .sbom, .vex:
                continue
            }
            outcomes[record.id] = outcome
            if case .choice("Pass") = record.value("Result"), outcome.verdict == .fail {
                diagnostics.append(
                    .error(
                        "evidence-contradicts-result",
                        "\(record.id) says 'Result: Pass' but its evidence \(written) shows a failure: \(DiagnosticText.short(outcome.summary))",
                        at: record.fields[key: "result"]?.value.location ?? record.location))
            }
        }
    }

    /// All passed = Pass (skips allowed); any failure or error = Fail with the first message; all skipped or
    /// none = Not run.
    static func outcome(of cases: [JUnitReport.TestCase], evidence: String) -> TestOutcome {
        var passed = 0
        var skipped = 0
        var failures: [(JUnitReport.TestCase, String)] = []
        for testCase in cases {
            switch testCase.outcome {
            case .passed: passed += 1
            case .skipped: skipped += 1
            case .failed(let message), .error(let message): failures.append((testCase, message))
            }
        }
        if let (first, message) = failures.first {
            let name = first.className.isEmpty ? first.name : "\(first.className).\(first.name)"
            let detail = message.isEmpty ? name : "\(name): \(message)"
            return TestOutcome(verdict: .fail, summary: "\(failures.count) of \(cases.count) failed; first \(detail)", evidence: evidence)
        }
        if passed == 0 {
            let summary = cases.isEmpty ? "no test cases" : "all \(cases.count) skipped"
            return TestOutcome(verdict: .notRun, summary: summary, evidence: evidence)
        }
        let summary = "\(passed) passed" + (skipped > 0 ? ", \(skipped) skipped" : "")
        return TestOutcome(verdict: .pass, summary: summary, evidence: evidence)
    }

    /// Open error-level findings = Fail; otherwise Pass, with the open findings counted by level.
    static func outcome(of log: SARIFLog, evidence: String) -> TestOutcome {
        let open = log.runs.flatMap(\.results).filter(\.isOpen)
        var counts: [SARIFLog.Level: Int] = [:]
        for result in open { counts[result.level, default: 0] += 1 }
        let parts = SARIFLog.Level.allCases.compactMap { level in counts[level].map { "\($0) \(level.rawValue)" } }
        let tools = log.runs.map(\.tool).filter { !$0.isEmpty }.joined(separator: ", ")
        let found = parts.isEmpty ? "no open findings" : "open findings: " + parts.joined(separator: ", ")
        let summary = tools.isEmpty ? found : "\(tools): \(found)"
        return TestOutcome(verdict: (counts[.error] ?? 0) > 0 ? .fail : .pass, summary: summary, evidence: evidence)
    }
}
