import SubgenCore
import SubgenTestSupport
import Testing
@testable import SubgenModel

/// Narrative pages placed by `Section:`, and VIEW elements and flows.
@Suite struct PageAndViewTests {
    @Test func pagesArePlacedBySection() throws {
        let plan = "# Cybersecurity management plan\n\n- Section: VI.B\n\nWe monitor [ASSET-001].\n"
        let project = try TemporaryProject([
            "plan.md": plan, "a.md": "## ASSET-001: a\n\n- Type: data\n",
            "overview.md": "<!-- note -->\n# Überblick\n\n- Section: Overview\n\nText.\n",
        ])
        #expect(project.diagnostics() == [])
        let loaded = try #require(project.load().project)
        #expect(loaded.pages.map(\.section) == ["overview", "VI.B"])
        #expect(loaded.pages(inSection: "VI.B").first?.title == "Cybersecurity management plan")
        #expect(loaded.pages.last?.narrative.count == 1)
        #expect(loaded.backlinks["ASSET-001"]?.map(\.source) == ["plan.md"])
    }

    @Test func badPages() throws {
        let unknown = "# Plän\n\n- Section: VI.Z\n"
        let noSection = "# Notes\n\n- Owner: me\n"
        let project = try TemporaryProject(["p.md": unknown, "n.md": noSection])
        #expect(project.diagnostics() == [
            TemporaryProject.expect("n.md", "Owner", in: noSection, .warning, "page-without-section"),
            TemporaryProject.expect("p.md", "VI.Z", in: unknown, .error, "invalid-enum-value"),
        ])
    }

    @Test func viewDiagnostics() throws {
        let text = """
            ## VIEW-001: Vüe ☃

            - View: Global system
            - Elements:
              - Pump (device)
              - Pump (phone)
              - (nameless)
            - Flows:
              - Pump -> Cloud: data over IF-404
              - Pump to Cloud
              - Pump -> Pump: loop
                - Protocol: BLE
                - Colour: red
                - Step: zero
            """
        let project = try TemporaryProject(["v.md": text])
        #expect(project.diagnostics() == [
            TemporaryProject.expect("v.md", "Pump (phone)", in: text, .error, "duplicate-element"),
            TemporaryProject.expect("v.md", "(nameless)", in: text, .error, "malformed-element"),
            TemporaryProject.expect("v.md", "Cloud", in: text, .error, "undeclared-element"),
            TemporaryProject.expect("v.md", "IF-404", in: text, .error, "unresolved-reference"),
            TemporaryProject.expect("v.md", "Pump to Cloud", in: text, .error, "malformed-flow"),
            TemporaryProject.expect("v.md", "Colour", in: text, .warning, "unknown-field"),
            TemporaryProject.expect("v.md", "Step", in: text, .error, "invalid-step"),
        ])
        let view = try #require(project.load().project?.record("VIEW-001"))
        guard case .flows(let flows) = view.value("Flows") else {
            Issue.record("flows not parsed")
            return
        }
        #expect(flows.map(\.from) == ["Pump"])
    }

    /// IDs in an element's or flow's text are found on the lines it continues on, and a word that looks like an
    /// ID but has a lookalike or invisible character is an error there too (it was silently plain text).
    @Test func viewTextIDsOnContinuationLinesAndLookalikes() throws {
        let text = """
            ## VIEW-001: V

            - View: Global system
            - Elements:
              - Pump (device)
              - Phone (phone)
            - Flows:
              - Pump -> Phone: data over IF-404 and
                IF-405
              - Phone -> Pump: commands over \u{0406}F-001 (ASSET-0\u{200B}01)
                - Controls: CTRL-404
            """
        let project = try TemporaryProject(["v.md": text])
        #expect(project.diagnostics() == [
            TemporaryProject.expect("v.md", "IF-404", in: text, .error, "unresolved-reference"),
            TemporaryProject.expect("v.md", "IF-405", in: text, .error, "unresolved-reference"),
            TemporaryProject.expect("v.md", "\u{0406}", in: text, .error, "lookalike-id"),
            TemporaryProject.expect("v.md", "\u{200B}", in: text, .error, "lookalike-id"),
            TemporaryProject.expect("v.md", "CTRL-404", in: text, .error, "unresolved-reference"),
        ])
    }
}
