import Foundation
import SubgenImport
import Testing

/// The SARIF reader on real logs from seven tools and the SARIF SDK (Fixtures/sarif, origins in the fixtures
/// README), on edited copies of them for the cases no real file shows, and on small inline logs.
@Suite struct SARIFReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sarif")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func read(_ name: String) throws -> SARIFLog {
        try SARIFReader.read(try data(name)).get()
    }

    /// A real file with some members replaced (or removed, for a nil value) before it is read.
    static func read(_ name: String, editing edits: [([Any], Any?)]) throws -> SARIFLog {
        var root = try JSONSerialization.jsonObject(with: try data(name))
        for (path, value) in edits {
            root = replacing(path[...], in: root, with: value)
        }
        return try SARIFReader.read(try JSONSerialization.data(withJSONObject: root)).get()
    }

    /// `root` with the member at `path` (object keys and array indices) set to `value`, or removed when nil.
    static func replacing(_ path: ArraySlice<Any>, in root: Any, with value: Any?) -> Any {
        guard let key = path.first else { return value as Any }
        let rest = path.dropFirst()
        if let index = key as? Int, var array = root as? [Any] {
            array[index] = replacing(rest, in: array[index], with: value)
            return array
        }
        var object = root as? [String: Any] ?? [:]
        let name = "\(key)"
        if rest.isEmpty && value == nil {
            object[name] = nil
        } else {
            object[name] = replacing(rest, in: object[name] ?? [String: Any](), with: value)
        }
        return object
    }

    /// An inline log with the given runs.
    static func log(runs: String) throws -> SARIFLog {
        try SARIFReader.read(Data(#"{"version": "2.1.0", "runs": [\#(runs)]}"#.utf8)).get()
    }

    /// An inline log with one run of a tool "t" with the given rules and results.
    static func log(rules: String = "", results: String) throws -> SARIFLog {
        try log(runs: #"{"tool": {"driver": {"name": "t", "rules": [\#(rules)]}}, "results": [\#(results)]}"#)
    }

    static func failure(_ text: String) -> ReadFailure? {
        guard case .failure(let failure) = SARIFReader.read(Data(text.utf8)) else { return nil }
        return failure
    }

    static func levelCounts(_ run: SARIFLog.Run) -> [SARIFLog.Level: Int] {
        run.results.reduce(into: [:]) { counts, result in counts[result.level, default: 0] += 1 }
    }

    // MARK: - Real files

    @Test func everyRealFileReadsEveryRunAndResult() throws {
        let expected: [String: [(tool: String, version: String?, rules: Int, results: Int)]] = [
            "sarif-bandit-1.9.4.sarif": [("Bandit", "1.9.4", 9, 51)],
            "sarif-codeql-2.11.0-python-codeflows.sarif": [("CodeQL", "2.11.0", 47, 1)],
            "sarif-codeql-lgtm-two-runs.sarif": [
                ("LGTM.com", "1.24.0-SNAPSHOT", 1, 1), ("CodeQL command-line toolchain", "2.0.0", 2, 2),
            ],
            "sarif-cppcheck-2.17.1.sarif": [("Cppcheck", "2.17.1", 7, 7)],
            "sarif-ruff-0.17.6.sarif": [("ruff", "0.17.6", 16, 131)],
            "sarif-sdk-suppressions-baseline-unchanged.sarif": [("CodeScanner", nil, 2, 3)],
            "sarif-semgrep-1.69.0-juice-shop.sarif": [("Semgrep OSS", "1.69.0", 17, 77)],
            "sarif-shiftleft-scan-baseline-new.sarif": [("Python Security Analysis", "1.0.0-scan", 4, 11)],
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".sarif") }
        #expect(Set(files) == Set(expected.keys))
        for (name, runs) in expected {
            let log = try Self.read(name)
            #expect(log.runs.map(\.tool) == runs.map(\.tool), "\(name)")
            #expect(log.runs.map(\.toolVersion) == runs.map(\.version), "\(name)")
            #expect(log.runs.map(\.rules.count) == runs.map(\.rules), "\(name)")
            #expect(log.runs.map(\.results.count) == runs.map(\.results), "\(name)")
            #expect(log.issues.isEmpty, "\(name): \(log.issues)")
            #expect(log.runs.allSatisfy { $0.results.allSatisfy { !$0.ruleID.isEmpty && !$0.message.isEmpty } }, "\(name)")
        }
    }

    /// Semgrep writes no level at all, Bandit none on 29 results, CodeQL and LGTM none: the rule's
    /// `defaultConfiguration.level` applies, and `warning` when the rule has none (Bandit's rules).
    @Test func levelsAfterRuleDefaults() throws {
        let expected: [String: [[SARIFLog.Level: Int]]] = [
            "sarif-bandit-1.9.4.sarif": [[.warning: 29, .note: 22]],
            "sarif-codeql-2.11.0-python-codeflows.sarif": [[.error: 1]],
            "sarif-codeql-lgtm-two-runs.sarif": [[.note: 1], [.note: 2]],
            "sarif-cppcheck-2.17.1.sarif": [[.warning: 7]],
            "sarif-ruff-0.17.6.sarif": [[.error: 131]],
            "sarif-sdk-suppressions-baseline-unchanged.sarif": [[.error: 3]],
            "sarif-semgrep-1.69.0-juice-shop.sarif": [[.error: 35, .warning: 42]],
            "sarif-shiftleft-scan-baseline-new.sarif": [[.error: 8, .warning: 1, .note: 2]],
        ]
        for (name, counts) in expected {
            #expect(try Self.read(name).runs.map(Self.levelCounts) == counts, "\(name)")
        }
        let semgrep = try Self.read("sarif-semgrep-1.69.0-juice-shop.sarif").runs[0]
        let defaults = Dictionary(semgrep.rules.map { ($0.id, $0.defaultLevel) }, uniquingKeysWith: { first, _ in first })
        #expect(semgrep.results.allSatisfy { $0.level == defaults[$0.ruleID] })
        // ShiftLeft's one result without a level is the taint-basic-xss rule's default.
        let shiftLeft = try Self.read("sarif-shiftleft-scan-baseline-new.sarif").runs[0]
        #expect(shiftLeft.results[7].ruleID == "taint-basic-xss" && shiftLeft.results[7].level == .warning)
    }

    @Test func codeQLPathResultAndItsRule() throws {
        let run = try Self.read("sarif-codeql-2.11.0-python-codeflows.sarif").runs[0]
        let result = try #require(run.results.first)
        #expect(result.ruleID == "py/code-injection")
        #expect(result.level == .error)
        #expect(result.message == "[A user-provided value](1) flows to here and is interpreted as code.")
        #expect(result.locations == ["main.py:21:10"])
        #expect(result.jsonPath == "$.runs[0].results[0]")
        #expect(result.baselineState == nil && !result.suppressed && result.isOpen)
        let rule = try #require(run.rules.first { $0.id == "py/code-injection" })
        #expect(rule.summary == "Code injection" && rule.defaultLevel == .error)
    }

    /// Without `ruleId` the id and the default level come from the driver rule at `ruleIndex` (45), else at
    /// `rule.index`; with neither the result has no rule and is a warning.
    @Test func codeQLRuleFoundThroughItsIndex() throws {
        let name = "sarif-codeql-2.11.0-python-codeflows.sarif"
        let result: [Any] = ["runs", 0, "results", 0]
        let byRuleIndex = try Self.read(name, editing: [(result + ["ruleId"], nil), (result + ["rule"], nil)])
        #expect(byRuleIndex.runs[0].results[0].ruleID == "py/code-injection")
        #expect(byRuleIndex.runs[0].results[0].level == .error)

        let byReference = try Self.read(
            name, editing: [(result + ["ruleId"], nil), (result + ["ruleIndex"], nil), (result + ["rule", "id"], nil)])
        #expect(byReference.runs[0].results[0].ruleID == "py/code-injection")
        #expect(byReference.runs[0].results[0].level == .error)

        let noRule = try Self.read(
            name, editing: [(result + ["ruleId"], nil), (result + ["ruleIndex"], nil), (result + ["rule"], nil)])
        #expect(noRule.runs[0].results[0].ruleID == "")
        #expect(noRule.runs[0].results[0].level == .warning)
    }

    /// CodeQL's 62 extensions (query packs) have no rules of their own; when the rules sit in an extension, as
    /// newer CodeQL writes them, they are read from there and found by id or through `rule.toolComponent`.
    @Test func rulesFromToolExtensions() throws {
        let name = "sarif-codeql-2.11.0-python-codeflows.sarif"
        let real = try Self.read(name).runs[0]
        #expect(real.rules.count == 47)

        let json = try JSONSerialization.jsonObject(with: try Self.data(name))
        let rules = try #require(Self.value(at: ["runs", 0, "tool", "driver", "rules"], in: json) as? [Any])
        let moved: [([Any], Any?)] = [
            (["runs", 0, "tool", "driver", "rules"], nil), (["runs", 0, "tool", "extensions", 3, "rules"], rules),
        ]
        let byID = try Self.read(name, editing: moved).runs[0]
        #expect(byID.rules.count == 47)
        #expect(byID.rules.first { $0.id == "py/code-injection" }?.summary == "Code injection")
        // The result's ruleIndex 45 points into the (now empty) driver rules; the id finds the extension's rule.
        #expect(byID.results[0].ruleID == "py/code-injection" && byID.results[0].level == .error)

        let result: [Any] = ["runs", 0, "results", 0]
        let byComponent = try Self.read(
            name,
            editing: moved + [
                (result + ["ruleId"], nil), (result + ["ruleIndex"], nil),
                (result + ["rule"], ["index": 45, "toolComponent": ["index": 3]]),
            ]
        ).runs[0]
        #expect(byComponent.results[0].ruleID == "py/code-injection" && byComponent.results[0].level == .error)
    }

    static func value(at path: [Any], in root: Any) -> Any? {
        path.reduce(Optional(root)) { node, key in
            if let index = key as? Int { return (node as? [Any]).flatMap { $0.indices.contains(index) ? $0[index] : nil } }
            return (node as? [String: Any])?["\(key)"]
        }
    }

    /// Semgrep's messages are long Markdown with JavaScript (braces included); without arguments they are kept
    /// exactly as written.
    @Test func semgrepMessagesKeepTheirBraces() throws {
        let name = "sarif-semgrep-1.69.0-juice-shop.sarif"
        let run = try Self.read(name).runs[0]
        let json = try JSONSerialization.jsonObject(with: try Self.data(name))
        let written = try #require(Self.value(at: ["runs", 0, "results", 0, "message", "text"], in: json) as? String)
        #expect(written.contains("{userFilename: userSuppliedFilename, id: crypto.randomUUID()}"))
        #expect(run.results[0].message == written)
        #expect(run.results[0].locations == ["Gruntfile.js:75:22"])
        let cors = run.rules.first { $0.id.hasSuffix(".rules_lgpl_javascript_headers_rule-generic-cors") }
        #expect(cors?.summary == "Origin validation error")
    }

    /// The SDK sample suppresses all three results (external and inSource suppressions without a status).
    @Test func sdkSampleSuppressionsAndBaselineUnchanged() throws {
        let run = try Self.read("sarif-sdk-suppressions-baseline-unchanged.sarif").runs[0]
        #expect(run.results.map(\.suppressed) == [true, true, true])
        #expect(run.results.map(\.baselineState) == ["unchanged", "unchanged", "unchanged"])
        #expect(run.results.filter(\.isOpen).isEmpty)
        #expect(run.results.map(\.ruleID) == ["C2001", "C2002", "C2001"])
        #expect(run.results[1].locations == ["file:///home/buildAgent/src/collections/list3.h:18:30"])
        #expect(run.rules.map(\.summary) == ["A variable was used without being initialized.", "a random rule."])
    }

    /// A suppression under review or rejected does not suppress; an accepted one does, even beside a rejected one.
    @Test func suppressionStatusDecides() throws {
        let name = "sarif-sdk-suppressions-baseline-unchanged.sarif"
        func suppressions(_ statuses: [String?]) -> ([Any], Any?) {
            let list: [Any] = statuses.map { status in
                status.map { ["kind": "external", "status": $0] as [String: Any] } ?? ["kind": "inSource"]
            }
            return (["runs", 0, "results", 1, "suppressions"], list)
        }
        let cases: [([String?], Bool)] = [
            (["underReview"], false), (["rejected"], false), ([], false), (["accepted"], true), ([nil], true),
            (["rejected", "accepted"], true), (["rejected", "underReview"], false),
        ]
        for (statuses, suppressed) in cases {
            let result = try Self.read(name, editing: [suppressions(statuses)]).runs[0].results[1]
            #expect(result.suppressed == suppressed, "\(statuses)")
            #expect(result.isOpen == !suppressed, "\(statuses)")
        }
    }

    /// The SDK sample's rule C2001 has the message string `default`: `Variable "{0}" was used without being
    /// initialized.` A result that refers to it by id gets it with its argument filled in.
    @Test func messageStringsFillPlaceholders() throws {
        let message: [String: Any] = ["id": "default", "arguments": ["ptr"]]
        let log = try Self.read(
            "sarif-sdk-suppressions-baseline-unchanged.sarif", editing: [(["runs", 0, "results", 0, "message"], message)])
        #expect(log.runs[0].results[0].message == #"Variable "ptr" was used without being initialized."#)
        #expect(log.issues.isEmpty)

        let unknown: [String: Any] = ["id": "nope", "arguments": ["ptr"]]
        let missing = try Self.read(
            "sarif-sdk-suppressions-baseline-unchanged.sarif", editing: [(["runs", 0, "results", 0, "message"], unknown)])
        #expect(missing.runs[0].results[0].message == "")
        #expect(
            missing.issues == [ReadIssue(.warning, "message string 'nope' is not defined", at: "$.runs[0].results[0].message.id")])
    }

    @Test func shiftLeftBaselineNewAndLinesWithoutColumns() throws {
        let run = try Self.read("sarif-shiftleft-scan-baseline-new.sarif").runs[0]
        #expect(run.results.allSatisfy { $0.baselineState == "new" && !$0.suppressed && $0.isOpen })
        #expect(run.results[0].locations == ["file:///home/damien/dd/dojo/tools/veracode/parser.py:35"])
        #expect(run.rules.first?.name == "XML Injection")
        #expect(run.rules.first?.summary == "XML Injection (aka Blind XPath Injection).")
    }

    /// Ruff writes absolute `file:` URIs and `fixes` (with deleted regions) that are not read.
    @Test func ruffAbsoluteURIsInLocations() throws {
        let run = try Self.read("sarif-ruff-0.17.6.sarif").runs[0]
        #expect(run.results[0].ruleID == "F401")
        #expect(run.results[0].message == "`os` imported but unused")
        #expect(run.results[0].locations == ["file:///tmp/gen/bandit/examples/eval.py:1:8"])
        let folder = "file:///tmp/gen/bandit/examples/"
        #expect(run.results.allSatisfy { $0.locations.count == 1 && $0.locations[0].hasPrefix(folder) })
        // Rule E501's short description has ruff's own `{width}` braces; summaries are never formatted.
        #expect(run.rules.first { $0.id == "E501" }?.summary == "Line too long ({width} > {limit})")
    }

    @Test func cppcheckResultWithSeveralLocations() throws {
        let result = try Self.read("sarif-cppcheck-2.17.1.sarif").runs[0].results[2]
        #expect(result.ruleID == "nullPointerOutOfMemory")
        #expect(result.locations == ["cc_many.c:6:26", "cc_many.c:6:26", "cc_many.c:7:12"])
        #expect(result.message == "If memory allocation fails, then there is a possible null pointer dereference: buffer")
    }

    @Test func lgtmTwoRunsKeepTheirPaths() throws {
        let log = try Self.read("sarif-codeql-lgtm-two-runs.sarif")
        let second = log.runs[1].results[1]
        #expect(second.jsonPath == "$.runs[1].results[1]")
        #expect(second.ruleID == "js/inconsistent-use-of-new")
        #expect(second.locations == ["src/promiseUtils.js:2"])
        #expect(log.runs[0].results[0].jsonPath == "$.runs[0].results[0]")
        #expect(log.runs[1].rules.map(\.defaultLevel) == [.note, .note])
    }

    // MARK: - Inline logs

    @Test func argumentsFillPlaceholdersAndDoubledBracesAreSingle() throws {
        let log = try Self.log(
            results: #"""
                {"ruleId": "r", "message": {"text": "'{0}' is {{not}} '{1}' or '{2}'", "arguments": ["a", "b"]}},
                {"ruleId": "r", "message": {"markdown": "**{0}**", "arguments": ["x"]}},
                {"ruleId": "r", "message": {"text": "{{kept}} {0}"}}
                """#)
        #expect(log.runs[0].results.map(\.message) == ["'a' is {not} 'b' or '{2}'", "**x**", "{{kept}} {0}"])
    }

    @Test func ruleSummaryFallsBackToFullDescriptionThenName() throws {
        let log = try Self.log(
            rules: #"""
                {"id": "a", "name": "A", "shortDescription": {"text": "short"}, "fullDescription": {"text": "full"}},
                {"id": "b", "name": "B", "fullDescription": {"text": "full"}},
                {"id": "c", "name": "C"},
                {"id": "d"}
                """#, results: "")
        #expect(log.runs[0].rules.map(\.summary) == ["short", "full", "C", nil])
    }

    @Test func unknownLevelIsAWarningIssueAndReadAsWarning() throws {
        let log = try Self.log(
            rules: #"{"id": "r", "defaultConfiguration": {"level": "error"}}"#,
            results: #"{"ruleId": "r", "level": "critical", "message": {"text": "m"}}"#)
        #expect(log.runs[0].results[0].level == .warning)
        #expect(log.issues.map(\.jsonPath) == ["$.runs[0].results[0].level"])
        #expect(log.issues.map(\.severity) == [.warning])
        #expect(log.issues.first?.message.contains("'critical'") == true)

        let badDefault = try Self.log(
            rules: #"{"id": "r", "defaultConfiguration": {"level": "high"}}"#,
            results: #"{"ruleId": "r", "message": {"text": "m"}}"#)
        #expect(badDefault.runs[0].rules[0].defaultLevel == nil)
        #expect(badDefault.runs[0].results[0].level == .warning)
        #expect(badDefault.issues.map(\.jsonPath) == ["$.runs[0].tool.driver.rules[0].defaultConfiguration.level"])
    }

    /// A result whose kind is not `fail` (pass, informational, ...) has no level unless it gives one (§3.27.10).
    @Test func resultOfAnotherKindThanFailHasLevelNone() throws {
        let log = try Self.log(
            rules: #"{"id": "r", "defaultConfiguration": {"level": "error"}}"#,
            results: #"""
                {"ruleId": "r", "kind": "pass", "message": {"text": "m"}},
                {"ruleId": "r", "kind": "fail", "message": {"text": "m"}},
                {"ruleId": "r", "kind": "informational", "level": "note", "message": {"text": "m"}}
                """#)
        #expect(log.runs[0].results.map(\.level) == [.none, .error, .note])
    }

    @Test func runWithoutToolNameIsAnErrorIssue() throws {
        let log = try Self.log(
            runs: #"{"tool": {"driver": {"version": "1"}}, "results": [{"message": {"text": "m"}}]}, {"tool": {}}"#)
        #expect(log.runs.map(\.tool) == ["", ""])
        #expect(log.runs[0].results.count == 1)
        #expect(log.issues.map(\.jsonPath) == ["$.runs[0].tool.driver", "$.runs[1].tool.driver"])
        #expect(log.issues.allSatisfy { $0.severity == .error })
    }

    @Test func locationThroughArtifactIndexAndLogicalOnlyLocations() throws {
        let log = try Self.log(
            runs: #"""
                {"tool": {"driver": {"name": "t"}}, "artifacts": [{"location": {"uri": "a.c"}}, {"location": {"uri": "b.c"}}],
                 "results": [{"ruleId": "r", "message": {"text": "m"}, "locations": [
                    {"physicalLocation": {"artifactLocation": {"index": 1}, "region": {"startLine": 3}}},
                    {"logicalLocations": [{"fullyQualifiedName": "f"}]},
                    {"physicalLocation": {"artifactLocation": {"uri": "c.c"}, "region": {"byteOffset": 5}}}]}]}
                """#)
        #expect(log.runs[0].results[0].locations == ["b.c:3", "c.c"])
    }

    // MARK: - Bad input

    @Test func otherSARIFVersionsAreRejected() {
        let failure = Self.failure(#"{"version": "2.0.0", "runs": [{"tool": {"name": "old"}}]}"#)
        #expect(failure?.message == "unsupported SARIF version '2.0.0'; subgen reads SARIF 2.1.0")
    }

    @Test func aLogWithoutVersionIsNotSARIF() {
        #expect(Self.failure(#"{"runs": []}"#)?.message == "not a SARIF log: no version")
        #expect(Self.failure(#"{"bomFormat": "CycloneDX", "specVersion": "1.6"}"#)?.message == "not a SARIF log: no version")
    }

    @Test func invalidJSONHasALineAndColumn() throws {
        let failure = try #require(Self.failure("{\n  \"version\": \"2.1.0\",\n  \"runs\": [,]\n}"))
        #expect(failure.message.hasPrefix("invalid JSON"))
        #expect(failure.line == 3)
        #expect(failure.column > 1)
    }

    @Test func truncatedFileIsAFailure() throws {
        let text = String(decoding: try Self.data("sarif-cppcheck-2.17.1.sarif"), as: UTF8.self)
        let failure = try #require(Self.failure(String(text.prefix(600))))
        #expect(failure.message.contains("truncated"))
        #expect(failure.line > 1)
    }

    @Test func runsMustBeAnArray() throws {
        let object = try #require(Self.failure(#"{"version": "2.1.0", "runs": {"tool": {}}}"#))
        #expect(object.message.hasPrefix("$.runs: expected an array"))
        let missing = try #require(Self.failure(#"{"version": "2.1.0"}"#))
        #expect(missing.message.hasPrefix("$.runs: missing"))
        #expect(try SARIFReader.read(Data(#"{"version": "2.1.0", "runs": []}"#.utf8)).get().runs.isEmpty)
        #expect(try SARIFReader.read(Data(#"{"version": "2.1.0", "runs": null}"#.utf8)).get().runs.isEmpty)
    }

    @Test func emptyFileIsAFailure() {
        let failure = Self.failure("")
        #expect(failure?.message == "the file is empty")
        #expect(failure?.line == 1)
        #expect(Self.failure(" \n")?.message == "the file is empty")
    }
}
