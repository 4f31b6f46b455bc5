/// One vulnerability assessment from a VEX source: a CycloneDX `vulnerabilities` entry or an OpenVEX statement.
public struct VEXStatement: Hashable, Sendable {
    /// Whether the product is affected, in the four OpenVEX statuses (CycloneDX analysis states map onto them).
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case notAffected = "not_affected"
        case affected
        case fixed
        case underInvestigation = "under_investigation"

        /// The status of a CycloneDX `analysis.state`: `not_affected`/`false_positive` -> not affected,
        /// `exploitable` -> affected, `resolved`/`resolved_with_pedigree` -> fixed, `in_triage` -> under
        /// investigation. Nil for anything else.
        public init?(cycloneDXState state: String) {
            switch state {
            case "not_affected", "false_positive": self = .notAffected
            case "exploitable": self = .affected
            case "resolved", "resolved_with_pedigree": self = .fixed
            case "in_triage": self = .underInvestigation
            default: return nil
            }
        }

        /// Words for people: `not affected`, `affected`, `fixed`, `under investigation`.
        public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
    }

    public struct Rating: Hashable, Sendable {
        /// `CVSSv31`, `CVSSv4`, `OWASP`, `other`... as written; nil when not given.
        public var method: String?
        public var score: Double?
        /// `critical`, `high`, `medium`, `low`, `info`, `none`, `unknown`, lowercased.
        public var severity: String?
        public var vector: String?
        /// Who rated it (`NVD`, `GHSA`...), if given.
        public var source: String?

        public init(method: String? = nil, score: Double? = nil, severity: String? = nil, vector: String? = nil, source: String? = nil) {
            self.method = method
            self.score = score
            self.severity = severity
            self.vector = vector
            self.source = source
        }
    }

    /// The vulnerability id as written (`CVE-2021-44228`, `GHSA-...`); an OpenVEX `@id` URL is reduced to its
    /// `name` when it has one.
    public var vulnerability: String
    public var aliases: [String]
    /// Where the vulnerability is described (CycloneDX `source.name`, e.g. `NVD`), if given.
    public var source: String?
    public var ratings: [Rating]
    public var cwes: [Int]
    public var description: String?
    /// What the statement is about: CycloneDX `affects[].ref` (bom-refs or BOM-Links); OpenVEX product `@id`s
    /// and `identifiers.purl`, or their subcomponents' when a product lists any.
    public var affects: [String]
    public var status: Status
    /// The state exactly as written (`exploitable`, `resolved_with_pedigree`, `under_investigation`...).
    public var state: String
    /// `code_not_present`, `vulnerable_code_not_in_execute_path`... as written.
    public var justification: String?
    /// CycloneDX `analysis.detail`, OpenVEX `impact_statement` (or `status_notes`).
    public var detail: String?
    /// CycloneDX `analysis.response`, OpenVEX `action_statement`.
    public var responses: [String]
    /// `$.vulnerabilities[2]` or `$.statements[5]`.
    public var jsonPath: String

    public init(
        vulnerability: String, aliases: [String] = [], source: String? = nil, ratings: [Rating] = [], cwes: [Int] = [],
        description: String? = nil, affects: [String], status: Status, state: String, justification: String? = nil,
        detail: String? = nil, responses: [String] = [], jsonPath: String
    ) {
        self.vulnerability = vulnerability
        self.aliases = aliases
        self.source = source
        self.ratings = ratings
        self.cwes = cwes
        self.description = description
        self.affects = affects
        self.status = status
        self.state = state
        self.justification = justification
        self.detail = detail
        self.responses = responses
        self.jsonPath = jsonPath
    }
}

/// An OpenVEX document: who made it, when, and its statements.
public struct VEXDocument: Hashable, Sendable {
    public var id: String?
    public var author: String?
    public var timestamp: String?
    public var version: String?
    public var statements: [VEXStatement]
    public var issues: [ReadIssue]

    public init(
        id: String? = nil, author: String? = nil, timestamp: String? = nil, version: String? = nil,
        statements: [VEXStatement], issues: [ReadIssue] = []
    ) {
        self.id = id
        self.author = author
        self.timestamp = timestamp
        self.version = version
        self.statements = statements
        self.issues = issues
    }
}
