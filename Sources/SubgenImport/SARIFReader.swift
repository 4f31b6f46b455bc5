import Foundation
import SubgenCore

/// Reads SARIF 2.1.0 logs as static analysers write them (CodeQL, Semgrep, Cppcheck, Bandit, Ruff, ShiftLeft
/// scan, the SARIF SDK): per run, the tool, its rules (the driver's and its extensions') and its results with
/// their effective level, message, locations, baseline state and suppression.
public enum SARIFReader {
    /// The only SARIF version subgen reads.
    static let supportedVersion = "2.1.0"

    public static func read(_ data: Data) -> Result<SARIFLog, ReadFailure> {
        // The version first, so that SARIF 1.0/2.0 or another kind of JSON is named as such instead of failing
        // on whatever member of the body does not fit.
        JSONEvidence.decode(Header.self, from: data)
            .flatMap(checkVersion)
            .flatMap { _ in JSONEvidence.decode(Log.self, from: data) }
            .map(log)
    }

    static func checkVersion(_ header: Header) -> Result<Void, ReadFailure> {
        guard let version = header.version else {
            return .failure(ReadFailure("not a SARIF log: no version"))
        }
        guard version == supportedVersion else {
            return .failure(ReadFailure("unsupported SARIF version \(DiagnosticText.quote(version)); subgen reads SARIF \(supportedVersion)"))
        }
        return .success(())
    }

    private static func log(_ log: Log) -> SARIFLog {
        var issues: [ReadIssue] = []
        let runs = log.runs.enumerated().map { index, run in
            RunReader(run: run, path: "$.runs[\(index)]", issues: &issues).read(issues: &issues)
        }
        return SARIFLog(runs: runs, issues: issues)
    }

    /// `{0}`, `{1}`, ... replaced by the arguments, `{{` and `}}` by single braces (SARIF §3.11.5). A
    /// placeholder without a matching argument is kept as written.
    static func format(_ template: String, arguments: [String]) -> String {
        var output = ""
        var rest = Substring(template)
        while let character = rest.first {
            if rest.hasPrefix("{{") || rest.hasPrefix("}}") {
                output.append(character)
                rest = rest.dropFirst(2)
            } else if character == "{", let (argument, length) = placeholder(at: rest, arguments: arguments) {
                output += argument
                rest = rest.dropFirst(length)
            } else {
                output.append(character)
                rest = rest.dropFirst()
            }
        }
        return output
    }

    /// The argument a `{n}` at the start of `text` stands for, and the placeholder's length.
    private static func placeholder(at text: Substring, arguments: [String]) -> (String, Int)? {
        let digits = text.dropFirst().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, text.dropFirst(1 + digits.count).first == "}",
            let index = Int(digits), index < arguments.count
        else { return nil }
        return (arguments[index], digits.count + 2)
    }
}

// MARK: - One run

extension SARIFReader {
    private static func unknownLevel(_ written: String, at path: String) -> ReadIssue {
        ReadIssue(.warning, "unknown level \(DiagnosticText.quote(written)) (expected error, warning, note or none); read as warning", at: path)
    }

    /// A rule as decoded, with its default level.
    private struct PlacedRule {
        var rule: ReportingDescriptor
        var defaultLevel: SARIFLog.Level?
    }

    /// Turns one decoded run into the model, adding the problems it finds to `issues`.
    private struct RunReader {
        let run: Run
        let path: String
        let driverRules: [PlacedRule]
        /// Each extension's rules, in the order of `tool.extensions`.
        let extensionRules: [[PlacedRule]]
        /// The driver's rules, then each extension's.
        var allRules: [PlacedRule] { driverRules + extensionRules.joined() }

        /// Reads the tool's rules, reporting a missing tool name and rules without an id or with an unknown
        /// default level.
        init(run: Run, path: String, issues: inout [ReadIssue]) {
            self.run = run
            self.path = path
            if run.tool?.driver?.name?.isEmpty ?? true {
                let message = "the run names no tool (tool.driver.name is required)"
                issues.append(ReadIssue(.error, message, at: "\(path).tool.driver"))
            }
            driverRules = Self.place(run.tool?.driver?.rules, at: "\(path).tool.driver.rules", issues: &issues)
            extensionRules = (run.tool?.extensions ?? []).enumerated().map { index, component in
                Self.place(component.rules, at: "\(path).tool.extensions[\(index)].rules", issues: &issues)
            }
        }

        func read(issues: inout [ReadIssue]) -> SARIFLog.Run {
            let driver = run.tool?.driver
            let results = (run.results ?? []).enumerated().map { index, result in
                self.result(result, at: "\(path).results[\(index)]", issues: &issues)
            }
            return SARIFLog.Run(
                tool: driver?.name ?? "", toolVersion: driver?.semanticVersion ?? driver?.version,
                rules: allRules.compactMap(Self.model), results: results)
        }

        /// The rules of one tool component with their default levels; an unknown default level is a warning
        /// and no default.
        private static func place(_ rules: [ReportingDescriptor]?, at path: String, issues: inout [ReadIssue])
            -> [PlacedRule]
        {
            (rules ?? []).enumerated().map { index, rule in
                let rulePath = "\(path)[\(index)]"
                if rule.id?.isEmpty ?? true {
                    issues.append(ReadIssue(.error, "rule has no id", at: rulePath))
                }
                var defaultLevel: SARIFLog.Level?
                if let written = rule.defaultConfiguration?.level {
                    defaultLevel = SARIFLog.Level(rawValue: written)
                    if defaultLevel == nil {
                        issues.append(SARIFReader.unknownLevel(written, at: "\(rulePath).defaultConfiguration.level"))
                    }
                }
                return PlacedRule(rule: rule, defaultLevel: defaultLevel)
            }
        }

        /// The model of a rule; nil for a rule without an id (already reported).
        private static func model(_ placed: PlacedRule) -> SARIFLog.Rule? {
            let rule = placed.rule
            guard let id = rule.id, !id.isEmpty else { return nil }
            let summary = rule.shortDescription?.text ?? rule.fullDescription?.text ?? rule.name
            return SARIFLog.Rule(id: id, name: rule.name, summary: summary, defaultLevel: placed.defaultLevel)
        }

        // MARK: Results

        private func result(_ result: ResultObject, at path: String, issues: inout [ReadIssue]) -> SARIFLog.Result {
            let (ruleID, rule) = self.rule(of: result)
            return SARIFLog.Result(
                ruleID: ruleID,
                level: level(of: result, rule: rule, at: path, issues: &issues),
                message: message(of: result, rule: rule, at: path, issues: &issues),
                locations: (result.locations ?? []).compactMap(locationText),
                baselineState: result.baselineState,
                suppressed: isSuppressed(result),
                jsonPath: path)
        }

        /// The result's rule id (`ruleId`, else `rule.id`, else the id of the rule at the index) and the rule
        /// it refers to, if the run has it. The index (`ruleIndex`, else `rule.index`) points into the driver's
        /// rules, or into an extension's when `rule.toolComponent` names one; when it gives no rule of the same
        /// id, the rule is looked up by id (a hierarchical id `C2001/1` by its first component too).
        private func rule(of result: ResultObject) -> (String, PlacedRule?) {
            let writtenID = result.ruleId ?? result.rule?.id
            var indexed: PlacedRule?
            if let index = result.ruleIndex ?? result.rule?.index, let rules = component(result.rule?.toolComponent),
                rules.indices.contains(index)
            {
                indexed = rules[index]
            }
            guard let writtenID else {
                return (indexed?.rule.id ?? "", indexed)
            }
            if let indexed, let id = indexed.rule.id, matches(writtenID, id) {
                return (writtenID, indexed)
            }
            let all = allRules
            let exact = all.first { $0.rule.id == writtenID }
            return (writtenID, exact ?? all.first { $0.rule.id.map { matches(writtenID, $0) } ?? false })
        }

        /// Whether a result's rule id refers to the rule `id`: equal, or `id` followed by `/` and a sub-id.
        private func matches(_ resultRuleID: String, _ id: String) -> Bool {
            resultRuleID == id || resultRuleID.hasPrefix(id + "/")
        }

        /// The rules a `rule.toolComponent` reference points to; the driver's when there is none.
        private func component(_ reference: ToolComponentReference?) -> [PlacedRule]? {
            guard let reference else { return driverRules }
            if let index = reference.index {
                return extensionRules.indices.contains(index) ? extensionRules[index] : nil
            }
            if let name = reference.name {
                if name == run.tool?.driver?.name { return driverRules }
                guard let index = run.tool?.extensions?.firstIndex(where: { $0.name == name }) else { return nil }
                return extensionRules[index]
            }
            return driverRules
        }

        /// The written level, else the rule's default, else `warning`; but `none` for a result whose `kind`
        /// is not `fail` (SARIF §3.27.10). An unknown level is a warning and read as `warning`.
        private func level(of result: ResultObject, rule: PlacedRule?, at path: String, issues: inout [ReadIssue])
            -> SARIFLog.Level
        {
            guard let written = result.level else {
                if let kind = result.kind, kind != "fail" { return .none }
                return rule?.defaultLevel ?? .warning
            }
            guard let level = SARIFLog.Level(rawValue: written) else {
                issues.append(SARIFReader.unknownLevel(written, at: "\(path).level"))
                return .warning
            }
            return level
        }

        /// `message.text`, else `markdown`, else the rule's (or the tool's global) message string `message.id`.
        /// Placeholders are filled when the message has arguments or comes from a message string; a plain text
        /// without arguments is kept as written (tools put code with braces in it).
        private func message(of result: ResultObject, rule: PlacedRule?, at path: String, issues: inout [ReadIssue])
            -> String
        {
            guard let message = result.message else {
                issues.append(ReadIssue(.warning, "result has no message", at: path))
                return ""
            }
            let arguments = message.arguments ?? []
            if let written = message.text ?? message.markdown {
                return arguments.isEmpty ? written : format(written, arguments: arguments)
            }
            guard let id = message.id else {
                issues.append(ReadIssue(.warning, "message has neither text nor an id", at: "\(path).message"))
                return ""
            }
            let strings = [rule?.rule.messageStrings?[id], run.tool?.driver?.globalMessageStrings?[id]]
            guard let template = strings.lazy.compactMap({ $0?.text ?? $0?.markdown }).first else {
                issues.append(ReadIssue(.warning, "message string \(DiagnosticText.quote(id)) is not defined", at: "\(path).message.id"))
                return ""
            }
            return format(template, arguments: arguments)
        }

        /// `uri`, `uri:line` or `uri:line:column` of a physical location (the uri taken from `run.artifacts`
        /// when the location gives only an artifact index); nil for a location without one.
        private func locationText(_ location: Location) -> String? {
            guard let physical = location.physicalLocation, let artifact = physical.artifactLocation else { return nil }
            var uri = artifact.uri
            if uri == nil, let index = artifact.index, let artifacts = run.artifacts, artifacts.indices.contains(index) {
                uri = artifacts[index].location?.uri
            }
            guard let uri else { return nil }
            guard let line = physical.region?.startLine else { return uri }
            guard let column = physical.region?.startColumn else { return "\(uri):\(line)" }
            return "\(uri):\(line):\(column)"
        }

        /// Suppressed when a suppression is accepted or has no status; `underReview` and `rejected` do not count.
        private func isSuppressed(_ result: ResultObject) -> Bool {
            (result.suppressions ?? []).contains { $0.status == nil || $0.status == "accepted" }
        }
    }
}

// MARK: - What is decoded

/// Only the members subgen uses; everything else (code flows, fixes, invocations, properties) is skipped.
/// Members are optional unless noted, so that a missing one becomes an issue rather than a failure.
extension SARIFReader {
    /// The member that says what the file is, decoded before anything else.
    struct Header: Decodable {
        var version: String?
    }

    private struct Log: Decodable {
        var runs: [Run]

        private enum CodingKeys: String, CodingKey {
            case runs
        }

        /// `runs` is required; null is allowed (the tool could not start a run, SARIF §3.13.4) and means none.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            runs = try container.decodeNil(forKey: .runs) ? [] : container.decode([Run].self, forKey: .runs)
        }
    }

    private struct Run: Decodable {
        var tool: Tool?
        var results: [ResultObject]?
        var artifacts: [Artifact]?
    }

    private struct Tool: Decodable {
        var driver: ToolComponent?
        var extensions: [ToolComponent]?
    }

    private struct ToolComponent: Decodable {
        var name: String?
        var version: String?
        var semanticVersion: String?
        var rules: [ReportingDescriptor]?
        var globalMessageStrings: [String: MultiformatMessageString]?
    }

    /// A rule.
    private struct ReportingDescriptor: Decodable {
        var id: String?
        var name: String?
        var shortDescription: MultiformatMessageString?
        var fullDescription: MultiformatMessageString?
        var messageStrings: [String: MultiformatMessageString]?
        var defaultConfiguration: Configuration?
    }

    private struct Configuration: Decodable {
        var level: String?
    }

    private struct MultiformatMessageString: Decodable {
        var text: String?
        var markdown: String?
    }

    /// A SARIF `result` object (named so as not to hide Swift's `Result`).
    private struct ResultObject: Decodable {
        var ruleId: String?
        var ruleIndex: Int?
        var rule: ReportingDescriptorReference?
        var kind: String?
        var level: String?
        var message: Message?
        var locations: [Location]?
        var baselineState: String?
        var suppressions: [Suppression]?
    }

    private struct ReportingDescriptorReference: Decodable {
        var id: String?
        var index: Int?
        var toolComponent: ToolComponentReference?
    }

    private struct ToolComponentReference: Decodable {
        var name: String?
        var index: Int?
    }

    private struct Message: Decodable {
        var text: String?
        var markdown: String?
        var id: String?
        var arguments: [String]?
    }

    private struct Location: Decodable {
        var physicalLocation: PhysicalLocation?
    }

    private struct PhysicalLocation: Decodable {
        var artifactLocation: ArtifactLocation?
        var region: Region?
    }

    private struct ArtifactLocation: Decodable {
        var uri: String?
        var index: Int?
    }

    private struct Region: Decodable {
        var startLine: Int?
        var startColumn: Int?
    }

    private struct Suppression: Decodable {
        var status: String?
    }

    private struct Artifact: Decodable {
        var location: ArtifactLocation?
    }
}
