import Foundation
import SubgenCore
import SubgenRender
import SubgenTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Architecture views in the package: the generated SVG inlined in HTML and linked from Markdown, the flow
/// table, the user's diagram as an image, and the build without Graphviz.
@Suite struct ArchitectureViewTests {
    static let views = """
        # Views

        ## VIEW-001: Global system

        - View: Global system
        - Diagram: drawing.svg
        - Elements:
          - Pump <b>x</b> (device)
          - Phone (phone)
        - Flows:
          - Pump <b>x</b> -> Phone: readings over IF-001 {{title}}
            - Protocol: BLE
            - Authentication: bonding
            - Encryption: AES-CCM

        ## IF-001: BLE link

        - Protocol: BLE

        """

    /// An SVG with a script: shown only as an image, never inlined.
    static let drawing = #"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#

    func build(graphviz: Bool = true, strict: Bool = false) throws -> (TemporaryProject, PackageBuild.Outcome) {
        let project = try TemporaryProject(["views.md": Self.views, "drawing.svg": Self.drawing])
        let renderer = PackageRenderer(generator: "subgen test", graphviz: graphviz ? PackageRenderer().graphviz : nil)
        let outcome = PackageBuild(project: project.root, strict: strict, renderer: renderer).build()
        return (project, outcome)
    }

    func read(_ project: TemporaryProject, _ path: String) throws -> String {
        try String(contentsOf: project.root.appendingPathComponent("submission/" + path), encoding: .utf8)
    }

    @Test func theDiagramIsInlinedInHTMLAndLinkedFromMarkdown() throws {
        let (project, outcome) = try build()
        #expect(outcome.written != nil, "\(outcome.diagnostics.map(\.message))")
        let svg = try read(project, "views/VIEW-001.svg")
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        let html = try read(project, "html/03-architecture.html")
        #expect(html.contains(svg.trimmingCharacters(in: .newlines)))
        // User text is escaped in the SVG; template syntax in it is text.
        #expect(svg.contains("Pump &lt;b&gt;x&lt;/b&gt;") && svg.contains("{{title}}"))
        #expect(svg.contains(#"<a href="../html/01-risk-management.html#IF-001">"#))
        let markdown = try read(project, "markdown/03-architecture.md")
        #expect(markdown.contains("](../views/VIEW-001.svg)"))
        #expect(markdown.contains("| 1 | Pump \\<b\\>x\\</b\\> (device) | Phone (phone) |"))
    }

    @Test func theUsersSVGIsAnImageNeverInlined() throws {
        let (project, _) = try build()
        let html = try read(project, "html/03-architecture.html")
        #expect(html.contains(#"<img src="../attachments/drawing.svg" alt="Diagram of VIEW-001: Global system">"#))
        #expect(!html.contains("<script"))
    }

    @Test func withoutGraphvizTheViewsHaveNoDiagramAndOneWarning() throws {
        let (project, outcome) = try build(graphviz: false)
        #expect(outcome.written != nil)
        let warnings = outcome.diagnostics.filter { $0.id == "graphviz-missing" }
        #expect(warnings.map(TemporaryProject.describe) == [
            TemporaryProject.expect("views.md", "VIEW-001", in: Self.views, .warning, "graphviz-missing")
        ])
        #expect(warnings.first?.message.contains("apt-get install graphviz") == true)
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("submission/views").path))
        let html = try read(project, "html/03-architecture.html")
        #expect(!html.contains("<svg") && html.contains("Flows of VIEW-001"))

        // The Complete fixture has no other warning: with --strict the missing program alone refuses the build.
        let complete = try PackageBuildTests.copy()
        let strict = PackageBuild(
            project: complete.root, strict: true, renderer: PackageRenderer(generator: "subgen test", graphviz: nil)
        ).build()
        #expect(strict.written == nil)
        #expect(strict.diagnostics.map(\.id) == ["graphviz-missing"] && strict.diagnostics.allSatisfy { $0.severity == .error })
    }
}
