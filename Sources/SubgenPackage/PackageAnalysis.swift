import Foundation
import SubgenCore
import SubgenEvidence
import SubgenModel

/// How complete a chapter or section is, for the documentation summary.
public enum SectionStatus: String, Sendable, Comparable {
    case complete
    case gaps = "has gaps"
    case missing

    public static func < (lhs: SectionStatus, rhs: SectionStatus) -> Bool {
        let order: [SectionStatus] = [.complete, .gaps, .missing]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// A loaded project seen as a package: its chapters, coverage findings and section statuses.
public struct PackageAnalysis: Sendable {
    public let project: Project
    public let relations: Relations
    /// The evidence files that could be read, and what they add: components, vulnerabilities, test outcomes.
    public let evidence: Evidence
    public let inventory: SBOMInventory
    public let vulnerabilities: VulnerabilityLedger
    public let testEvidence: TestEvidence
    /// Every coverage finding, in stable order.
    public let findings: [CoverageFinding]
    /// The chapters this package has (chapter 7 only for cyber devices).
    public let chapters: [OutlineSection]
    private let checker: CoverageChecker
    private let recordFindings: [String: [CoverageFinding]]
    private let sectionFindings: [String: [CoverageFinding]]
    /// Holds the model once more, so that it is freed off the caller's thread when the analysis goes away.
    private let retirement: Retirement

    public init(_ project: Project, evidence: Evidence = Evidence()) {
        self.init(project, evidence: evidence, relations: Relations(project))
    }

    init(_ project: Project, evidence: Evidence, relations: Relations) {
        self.project = project
        self.evidence = evidence
        self.relations = relations
        // Merging the SBOMs and reading test outcomes do not depend on each other.
        let (inventory, testEvidence) = concurrently({ SBOMInventory(project, evidence) }, { TestEvidence(project, evidence) })
        self.inventory = inventory
        vulnerabilities = VulnerabilityLedger(project, evidence, inventory)
        self.testEvidence = testEvidence
        checker = CoverageChecker(relations, evidence: evidence, inventory: inventory, vulnerabilities: vulnerabilities, tests: testEvidence)
        findings = checker.findings()
        chapters = PackageOutline.chapters(cyberDevice: project.manifest.isCyberDevice)
        var recordFindings: [String: [CoverageFinding]] = [:]
        var sectionFindings: [String: [CoverageFinding]] = [:]
        for finding in findings {
            switch finding.subject {
            case .record(let id): recordFindings[id, default: []].append(finding)
            case .section(let number): sectionFindings[number, default: []].append(finding)
            }
        }
        self.recordFindings = recordFindings
        self.sectionFindings = sectionFindings
        retirement = Retirement((project, relations, evidence, inventory, vulnerabilities, testEvidence, checker))
    }

    /// The last reference to a large model (tens of thousands of records, each a tree of values): freeing it takes
    /// a while, and nobody waits for it, so when the last copy of the analysis is gone the model is handed to a
    /// background queue and freed there. Whatever the caller does next (print the report, exit) goes on meanwhile.
    private final class Retirement: Sendable {
        private let model: (Project, Relations, Evidence, SBOMInventory, VulnerabilityLedger, TestEvidence, CoverageChecker)

        init(_ model: (Project, Relations, Evidence, SBOMInventory, VulnerabilityLedger, TestEvidence, CoverageChecker)) {
            self.model = model
        }

        deinit {
            let model = self.model
            DispatchQueue.global(qos: .utility).async { withExtendedLifetime(model) {} }
        }
    }

    /// The coverage findings as diagnostics, and what merging the evidence found (contradicting results,
    /// VEX conflicts, duplicate components).
    public var diagnostics: [Diagnostic] {
        inventory.diagnostics + vulnerabilities.diagnostics + testEvidence.diagnostics + findings.map(\.diagnostic)
    }

    /// A test's result: its `Result` field, else what its evidence shows; nil when it has neither.
    public func result(of test: Record) -> String? {
        if case .choice(let result) = test.value("Result") { return result }
        return testEvidence.outcomes[test.id]?.verdict.rawValue
    }

    public func findings(forRecord id: String) -> [CoverageFinding] { recordFindings[id] ?? [] }

    /// Findings about the section itself (not its records or subsections).
    public func findings(forSection number: String) -> [CoverageFinding] { sectionFindings[number] ?? [] }

    /// Every finding shown within the section: its own, its records' and its subsections'.
    public func allFindings(in section: OutlineSection) -> [CoverageFinding] {
        var result = findings(forSection: section.number)
        for kind in section.kinds {
            for record in project.records(ofKind: kind) {
                result += findings(forRecord: record.id)
            }
        }
        for subsection in section.sections { result += allFindings(in: subsection) }
        return result
    }

    public func hasContent(_ section: OutlineSection) -> Bool { checker.hasContent(section) }

    public func status(of section: OutlineSection) -> SectionStatus {
        if !hasContent(section) { return .missing }
        let sub = section.sections.map(status(of:)).max() ?? .complete
        if sub != .complete || !allFindings(in: section).isEmpty { return .gaps }
        return .complete
    }

    /// The section where a record of `kind` is rendered.
    public func section(forKind kind: String) -> OutlineSection? { PackageOutline.section(forKind: kind) }

    public func requirements(of control: Record) -> [String] { checker.requirements(of: control) }
    public func tests(of requirement: Record) -> [String] { checker.tests(of: requirement) }

    /// The tests of a control: those of its requirements, then those naming it in `Verifies`, each once.
    public func tests(ofControl control: Record) -> [String] {
        var tests: [String] = []
        for requirement in requirements(of: control).compactMap(project.record) {
            for test in self.tests(of: requirement) where !tests.contains(test) { tests.append(test) }
        }
        for test in relations.referrers(of: control.id, kind: "test", field: "Verifies") where !tests.contains(test) {
            tests.append(test)
        }
        return tests
    }
}

extension PackageAnalysis {
    /// Reads the evidence files the project names (relative to `root`) and analyses the project with them;
    /// also returns what reading the files found. Files decoded before are taken from `cache` when unchanged.
    public static func withEvidence(
        _ project: Project, root: URL, cache: EvidenceCache? = nil
    ) -> (analysis: PackageAnalysis, diagnostics: [Diagnostic]) {
        // The links between records need no evidence: they are worked out while the evidence files are read.
        let ((evidence, diagnostics), relations) = concurrently(
            { EvidenceLoader(root: root, cache: cache).load(project) }, { Relations(project) })
        return (PackageAnalysis(project, evidence: evidence, relations: relations), diagnostics)
    }
}
