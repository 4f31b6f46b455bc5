import SubgenCore
import SubgenTestSupport
import Testing
@testable import SubgenModel

/// References in narrative and fields: resolution, kinds, external identifiers, backlinks.
@Suite struct ReferenceTests {
    static let records = """
        ## ASSET-001: Asset

        - Type: data

        ## CTRL-001: Control

        - Category: Authentication
        """

    @Test func narrativeReferencesResolveWithExactPositions() throws {
        let text = """
            ## ASSET-002: Über — ☃

            - Type: data

            Siehe [CTRL-001], [CTRL-404] und ☃ [ASSET-001].
            Not a reference: `[CTRL-405]`, [CTRL-406](https://example.com), [NOPE-1], [CVE-2024-12345], [CWE-79].

            ```
            [CTRL-407]
            ```
            """
        let project = try TemporaryProject(["r.md": Self.records, "ü.md": text])
        #expect(project.diagnostics() == [
            TemporaryProject.expect("ü.md", "CTRL-404", in: text, .error, "unresolved-reference")
        ])
        let record = try #require(project.load().project?.record("ASSET-002"))
        #expect(record.references.map(\.target) == ["CTRL-001", "CTRL-404", "ASSET-001", "CVE-2024-12345", "CWE-79"])
        #expect(record.references.filter { $0.external != nil }.map(\.target) == ["CVE-2024-12345", "CWE-79"])
        let (line, column) = TemporaryProject.position(of: "ASSET-001", in: text)
        #expect(record.references[2].location == SourceLocation(file: "ü.md", line: line, column: column))
    }

    @Test func repeatedReferencesOnOneLineKeepTheirOwnColumns() throws {
        // Each `[CTRL-404]` used to be placed at the first one's column, and the copies merged into one diagnostic.
        // A NUL byte (three bytes once libcmark replaces it) must not move the columns either.
        let line = "Twice [CTRL-404] and [CTRL-404], escaped \\*[CTRL-404], after a NUL \u{0} [CTRL-404]."
        let project = try TemporaryProject(["r.md": Self.records + "\n\n" + line + "\n"])
        let unresolved = project.diagnostics().filter { $0.contains("unresolved-reference") }
        #expect(unresolved == [
            "r.md:9:8: error: unresolved-reference", "r.md:9:23: error: unresolved-reference",
            "r.md:9:45: error: unresolved-reference", "r.md:9:71: error: unresolved-reference",
        ])
    }

    @Test func suggestionsStopWhenTheirBudgetIsSpent() {
        // 2,000 IDs of one prefix and length: each unresolved ID of that length costs 2,000 comparisons.
        let ids = (1_000..<3_000).map { "CTRL-\($0)" }
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let targets = (0..<1_000).map { "CTRL-\(9_000 + $0)" }
        let suggestions = ReferenceResolver.Suggestions(index: index, targets: ["CTRL-1000x"] + targets)
        let served = ReferenceResolver.Suggestions.comparisonBudget / 2_000
        #expect(suggestions.unresolvedMessage("CTRL-1000x").hasPrefix("no record with ID 'CTRL-1000x'; did you mean 'CTRL-1000' or"))
        #expect(suggestions.unresolvedMessage(targets[served - 2]).contains("did you mean"))
        #expect(suggestions.unresolvedMessage(targets[served + 1]) == "no record with ID '\(targets[served + 1])'")
        // Without targets (a few IDs), there is no budget.
        #expect(ReferenceResolver.Suggestions(index: index).unresolvedMessage(targets[served + 1]).contains("did you mean"))
    }

    @Test func backlinksListEveryReferrerInSourceOrder() throws {
        let text = """
            ## THR-001: Threat

            - Assets: ASSET-001
            - Mitigated by: CTRL-001

            Also see [CTRL-001].

            ## RISK-001: Risk

            - Threats: THR-001
            - Exploitability: Low
            - Severity: Minor
            - Controls: CTRL-001
            - Residual exploitability: Low
            - Acceptable: yes
            """
        let project = try #require(try TemporaryProject(["r.md": Self.records, "t.md": text]).load().project)
        let backlinks = try #require(project.backlinks["CTRL-001"])
        #expect(backlinks.map(\.source) == ["THR-001", "THR-001", "RISK-001"])
        #expect(backlinks.map(\.context) == [.field("Mitigated by"), .narrative, .field("Controls")])
        #expect(project.backlinks["THR-001"]?.map(\.source) == ["RISK-001"])
        #expect(project.backlinks["ASSET-001"]?.count == 1)
    }

    @Test func entryPointsAcceptInterfacesOrText() throws {
        let text = """
            ## THR-001: Threat

            - Assets: ASSET-001
            - Entry points: USB service port, IF-404
            - Mitigated by: CTRL-001
            """
        let project = try TemporaryProject(["r.md": Self.records, "t.md": text])
        #expect(project.diagnostics() == [
            TemporaryProject.expect("t.md", "IF-404", in: text, .error, "unresolved-reference")
        ])
    }

    @Test func customPrefixesAreReferencesOfTheirKind() throws {
        let manifest = TemporaryProject.manifest + "\n## ID prefixes\n\n- HAZ: risk\n- HZD: RISK\n"
        let text = """
            ## HAZ-001: Hazardous situation

            - Threats: THR-001
            - Exploitability: Low
            - Severity: Minor
            - Controls: CTRL-001
            - Residual exploitability: Low
            - Acceptable: yes

            ## THR-001: Threat

            - Assets: ASSET-001
            - Mitigated by: CTRL-001, HAZ-001

            See [HZD-404].
            """
        let project = try TemporaryProject(["r.md": Self.records, "t.md": text], manifest: manifest)
        #expect(project.diagnostics() == [
            TemporaryProject.expect("t.md", "HAZ-001", in: text, occurrence: 2, .error, "wrong-reference-kind"),
            TemporaryProject.expect("t.md", "HZD-404", in: text, .error, "unresolved-reference"),
        ])
    }

    @Test func duplicateIDsInOneFileAndAcrossFiles() throws {
        let first = "## ASSET-001: First\n\n- Type: data\n\n## ASSET-001: Again\n\n- Type: data\n"
        let second = "# Ä\n\n## ASSET-001: Elsewhere\n\n- Type: data\n"
        let project = try TemporaryProject(["a.md": first, "b.md": second])
        #expect(project.diagnostics() == [
            "a.md:5:4: error: duplicate-id",
            "b.md:3:4: error: duplicate-id",
        ])
        let messages = project.load().diagnostics.sorted().map(\.message)
        #expect(messages.allSatisfy { $0.contains("already defined at a.md:1:4") })
    }

    @Test func idsAreCaseSensitive() throws {
        let text = "## ASSET-a1: lower\n\n- Type: data\n\n## ASSET-A1: upper\n\n- Type: data\n"
        let project = try TemporaryProject(["a.md": text])
        #expect(project.diagnostics() == [])
        #expect(project.load().project?.records.count == 2)
    }
}
