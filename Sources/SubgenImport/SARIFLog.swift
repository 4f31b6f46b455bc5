/// What subgen uses of a SARIF 2.1.0 log: per run, the tool, its rules and its results.
public struct SARIFLog: Hashable, Sendable {
    public struct Rule: Hashable, Sendable {
        public var id: String
        public var name: String?
        /// `shortDescription.text`, else `fullDescription.text`, else `name`.
        public var summary: String?
        /// `defaultConfiguration.level`, if given.
        public var defaultLevel: Level?

        public init(id: String, name: String? = nil, summary: String? = nil, defaultLevel: Level? = nil) {
            self.id = id
            self.name = name
            self.summary = summary
            self.defaultLevel = defaultLevel
        }
    }

    public enum Level: String, Hashable, Sendable, CaseIterable, Comparable {
        case error, warning, note, none

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public struct Result: Hashable, Sendable {
        /// `ruleId`, else `rule.id`, else the id of the rule at `ruleIndex`; empty if none.
        public var ruleID: String
        /// The result's `level`, else its rule's default level, else `warning` (SARIF's default).
        public var level: Level
        /// `message.text` (or `markdown`), with `{0}` placeholders filled from `arguments`.
        public var message: String
        /// `uri:line:column` (or `uri:line`, or `uri`) of each physical location, in order.
        public var locations: [String]
        /// `new`, `unchanged`, `updated`, `absent`, or nil.
        public var baselineState: String?
        /// Whether a suppression that is not `rejected` applies (`suppressions` with status accepted or none).
        public var suppressed: Bool
        /// `$.runs[0].results[12]`.
        public var jsonPath: String

        /// Still to be dealt with: not suppressed and not `absent` from the current scan.
        public var isOpen: Bool { !suppressed && baselineState != "absent" }

        public init(
            ruleID: String, level: Level, message: String, locations: [String] = [], baselineState: String? = nil,
            suppressed: Bool = false, jsonPath: String
        ) {
            self.ruleID = ruleID
            self.level = level
            self.message = message
            self.locations = locations
            self.baselineState = baselineState
            self.suppressed = suppressed
            self.jsonPath = jsonPath
        }
    }

    public struct Run: Hashable, Sendable {
        /// `tool.driver.name`.
        public var tool: String
        /// `tool.driver.semanticVersion`, else `version`.
        public var toolVersion: String?
        public var rules: [Rule]
        public var results: [Result]

        public init(tool: String, toolVersion: String? = nil, rules: [Rule] = [], results: [Result] = []) {
            self.tool = tool
            self.toolVersion = toolVersion
            self.rules = rules
            self.results = results
        }
    }

    public var runs: [Run]
    public var issues: [ReadIssue]

    public init(runs: [Run], issues: [ReadIssue] = []) {
        self.runs = runs
        self.issues = issues
    }
}
