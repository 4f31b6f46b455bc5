import SubgenTestSupport
import Testing
@testable import SubgenModel

/// Record headings, extent, fields versus narrative, titles, and text outside records.
@Suite struct RecordExtractionTests {
    @Test func separatorsAndHeadingStylesGiveTheSameRecord() throws {
        let text = """
            # Assets

            ## ASSET-001: Colon title

            - Type: data

            ### ASSET-002 - Dash title

            - Type: data

            ASSET-003 — Em dash title
            -------------------------

            - Type: data

            # ASSET-004 Space title

            - Type: data
            """
        let project = try #require(try TemporaryProject(["assets.md": text]).load().project)
        #expect(project.records.map(\.id) == ["ASSET-001", "ASSET-002", "ASSET-003", "ASSET-004"])
        #expect(project.records.map(\.title) == ["Colon title", "Dash title", "Em dash title", "Space title"])
        #expect(project.records.map(\.headingLevel) == [2, 3, 2, 1])
        #expect(project.records[2].location.line == 11)
        #expect(project.records[2].location.column == 1)
    }

    /// A dash is a separator only where there is no colon; after a colon it belongs to the title (found by the
    /// no-record-lost test: a title of `—` used to vanish).
    @Test func dashesAfterAColonAreTheTitle() throws {
        let text = """
            ## ASSET-001: —

            - Type: data

            ## ASSET-002: - draft - two

            - Type: data

            ## ASSET-003 —

            - Type: data
            """
        let project = try #require(try TemporaryProject(["assets.md": text]).load().project)
        #expect(project.records.map(\.title) == ["—", "- draft - two", ""])
    }

    @Test func unknownPrefixHeadingIsPlainNarrative() throws {
        let text = """
            ## THR-001: Replay

            - Assets: ASSET-001
            - Mitigated by: CTRL-001

            ### NOTE-1: remark

            Narrative under an unknown prefix stays with the threat.

            ## ASSET-001: a

            - Type: data

            ## CTRL-001: c

            - Category: Authentication
            """
        let project = try TemporaryProject(["t.md": text])
        #expect(project.diagnostics() == [])
        let record = try #require(project.load().project?.record("THR-001"))
        #expect(record.narrative.count == 2)
        #expect(record.narrative.first?.headingLevel == 3)
    }

    @Test func recordEndsAtSameLevelHeadingAndStrayTextIsReported() throws {
        let text = """
            # Intro heading

            ## ASSET-001: a

            - Type: data

            Asset narrative.

            ## Some other section

            This paragraph belongs to no record.
            """
        let project = try TemporaryProject(["a.md": text])
        #expect(project.diagnostics() == [
            TemporaryProject.expect("a.md", "This paragraph", in: text, .warning, "content-outside-record")
        ])
        let record = try #require(project.load().project?.record("ASSET-001"))
        #expect(record.narrative.count == 1)
    }

    @Test func nestedRecordHeadingStartsANewRecord() throws {
        let text = """
            ## ASSET-001: outer

            - Type: data

            ### ASSET-002: inner

            - Type: data
            """
        let project = try #require(try TemporaryProject(["a.md": text]).load().project)
        #expect(project.records.map(\.id) == ["ASSET-001", "ASSET-002"])
        #expect(project.records[0].narrative.isEmpty)
    }

    @Test func missingTitleAndMalformedSeparatorAreWarnings() throws {
        let text = """
            ## ASSET-001

            - Type: data

            ## ASSET-002; not a separator

            Text.
            """
        let project = try TemporaryProject(["é.md": text])
        #expect(project.diagnostics() == [
            "é.md:1:4: warning: record-without-title",
            "é.md:5:4: warning: malformed-record-heading",
            "é.md:7:1: warning: content-outside-record",
        ])
    }

    @Test func codeSpansAreNeverRecordHeadings() throws {
        let text = """
            ## `ASSET-001`: in code

            - Type: data
            """
        let project = try TemporaryProject(["a.md": text])
        #expect(project.load().project?.records.isEmpty == true)
        #expect(project.diagnostics() == ["a.md:1:1: warning: file-contributes-nothing"])
    }

    @Test func fieldListOnlyWhenFirstBlock() throws {
        let text = """
            ## ASSET-001: data first

            Intro paragraph.

            - Type: data
            """
        let project = try TemporaryProject(["a.md": text])
        #expect(project.diagnostics() == ["a.md:1:4: error: missing-required-field"])
        #expect(project.load().project?.record("ASSET-001")?.narrative.count == 2)
    }

    @Test func fieldNamesMatchCaseInsensitivelyWithSpacesCollapsed() throws {
        let text = """
            ## RISK-001: r

            - THREATS: THR-001
            - exploitability: low
            - Severity: minor
            - controls: CTRL-001
            - Residual   Exploitability: LOW
            - ACCEPTABLE: no

            ## THR-001: t

            - Assets: ASSET-001
            - Mitigated by: CTRL-001

            ## ASSET-001: a

            - Type: data

            ## CTRL-001: c

            - Category: authentication
            """
        let project = try TemporaryProject(["r.md": text])
        #expect(project.diagnostics() == [])
        let risk = try #require(project.load().project?.record("RISK-001"))
        #expect(risk.value("residual exploitability") == .choice("Low"))
        #expect(risk.value("Acceptable") == .flag(false))
        #expect(risk.fields.map(\.name).first == "THREATS")
    }

    @Test func boldFieldNamesAndContinuationLines() throws {
        let text = """
            ## ANOM-001: a

            - **Security impact**: no
            - Assessment: first line
              continues here
            """
        let project = try TemporaryProject(["a.md": text])
        #expect(project.diagnostics() == [])
        let anomaly = try #require(project.load().project?.record("ANOM-001"))
        #expect(anomaly.value("Security impact") == .flag(false))
        #expect(anomaly.value("Assessment") == .text("first line continues here"))
    }
}
