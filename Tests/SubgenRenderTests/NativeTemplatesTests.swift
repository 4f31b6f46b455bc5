import Foundation
import SubgenCore
@testable import SubgenRender
import SubgenTestSupport
import Testing

/// The native renderer against the Mustache templates it mirrors: byte-identical packages for every fixture,
/// identical pages for generated view models full of awkward text, and escaping and tidying compared with the
/// reference code.
@Suite struct NativeTemplatesTests {
    static let tests = PackageGoldenTests.tests

    static func project(_ name: String) -> URL {
        name == "SampleProject"
            ? PackageGoldenTests.repository.appendingPathComponent("SampleProject")
            : tests.appendingPathComponent("Fixtures/\(name)")
    }

    static func renderer(_ engine: PackageRenderer.Engine, overrides: URL? = nil) -> PackageRenderer {
        var renderer = PackageRenderer(generator: "subgen test")
        renderer.engine = engine
        renderer.overrides = overrides
        renderer.overridesDisplayName = "custom"
        return renderer
    }

    /// Nil when `files` equal `expected` path for path and byte for byte; otherwise the first difference.
    static func firstDifference(_ files: [(path: String, data: Data)], _ expected: [(path: String, data: Data)]) -> String? {
        if files.map(\.path) != expected.map(\.path) {
            let paths = Set(files.map(\.path)).symmetricDifference(expected.map(\.path)).sorted()
            return "the packages have different files: \(paths.prefix(5))"
        }
        for (file, reference) in zip(files, expected) where file.data != reference.data {
            return "\(file.path): \(describeDifference(Array(file.data), Array(reference.data)))"
        }
        return nil
    }

    /// `at byte N (line L): native '...' mustache '...'`, with some context around the first differing byte.
    static func describeDifference(_ actual: [UInt8], _ expected: [UInt8]) -> String {
        let common = min(actual.count, expected.count)
        let offset = (0..<common).first { actual[$0] != expected[$0] } ?? common
        let line = expected.prefix(offset).filter { $0 == 0x0A }.count + 1
        func context(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, offset - 60)..<min(bytes.count, offset + 60)], as: UTF8.self).debugDescription
        }
        return "at byte \(offset) (line \(line)), sizes \(actual.count)/\(expected.count):\n  native:   \(context(actual))\n  mustache: \(context(expected))"
    }

    // MARK: Packages

    @Test(arguments: ["Complete", "Gaps", "Escaping", "SampleProject"])
    func nativePackageEqualsMustachePackage(_ name: String) throws {
        let native = Self.renderer(.automatic)
        #expect(native.rendersNatively(.html) && native.rendersNatively(.markdown))
        #expect(!Self.renderer(.mustache).rendersNatively(.html))
        let rendered = try PackageGoldenTests.render(Self.project(name), renderer: native)
        let reference = try PackageGoldenTests.render(Self.project(name), renderer: Self.renderer(.mustache))
        let difference = Self.firstDifference(rendered.files, reference.files)
        #expect(difference == nil, "\(difference ?? "")")
    }

    /// A custom HTML template sends HTML through Mustache (its change shows) while Markdown stays native; a custom
    /// folder with only assets leaves both formats native.
    @Test func customTemplatesOfAFormatUseMustacheForThatFormatOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-native-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("body { color: black; }\n".utf8).write(to: folder.appendingPathComponent("assets/style.css"))

        let assetsOnly = Self.renderer(.automatic, overrides: folder)
        #expect(assetsOnly.rendersNatively(.html) && assetsOnly.rendersNatively(.markdown))

        let builtin = PackageRenderer().templates
        let record = try String(contentsOf: builtin.appendingPathComponent("html/record.mustache"), encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("html"), withIntermediateDirectories: true)
        try Data(record.replacingOccurrences(of: "<p class=\"source\">", with: "<p class=\"source custom\">").utf8)
            .write(to: folder.appendingPathComponent("html/record.mustache"))
        let custom = Self.renderer(.automatic, overrides: folder)
        #expect(!custom.rendersNatively(.html))
        #expect(custom.rendersNatively(.markdown))

        let root = Self.project("Complete")
        let customized = try PackageGoldenTests.render(root, renderer: custom)
        let plain = try PackageGoldenTests.render(root, renderer: Self.renderer(.automatic))
        let page = String(decoding: try #require(customized.file("html/01-risk-management.html")), as: UTF8.self)
        #expect(page.contains("<p class=\"source custom\">"))
        #expect(plain.file("html/01-risk-management.html") != customized.file("html/01-risk-management.html"))
        #expect(customized.file("html/style.css") == Data("body { color: black; }\n".utf8))
        // HTML comes from the custom set exactly as the Mustache engine renders it.
        let html = { (package: RenderedPackage) in package.files.filter { $0.path.hasPrefix("html/") } }
        let reference = try PackageGoldenTests.render(root, renderer: Self.renderer(.mustache, overrides: folder))
        let htmlDifference = Self.firstDifference(html(customized), html(reference))
        #expect(htmlDifference == nil, "\(htmlDifference ?? "")")
        let markdown = { (package: RenderedPackage) in package.files.filter { $0.path.hasPrefix("markdown/") } }
        #expect(!markdown(plain).isEmpty)
        let difference = Self.firstDifference(markdown(customized), markdown(plain))
        #expect(difference == nil, "\(difference ?? "")")
    }

    // MARK: Generated view models

    /// Pages with every optional part present or absent and text built from the characters that escaping and
    /// tidying treat specially, rendered by both engines.
    @Test(arguments: OutputFormat.allCases)
    func generatedPagesRenderIdentically(_ format: OutputFormat) throws {
        var log = DiagnosticLog()
        let layers = [TemplateSet.Layer(folder: PackageRenderer().templates, displayName: "builtin")]
        let templates = try #require(TemplateSet.load(from: layers, format: format, log: &log))
        var native = NativeTemplates(format: format)
        var generator = ViewGenerator(seed: format == .html ? 1 : 2)
        for index in 0..<300 {
            let page = generator.page()
            let expected = Array(PackageRenderer.tidy(templates.render(page), format).utf8)
            let actual = Array(native.render(page))
            guard actual == expected else {
                Issue.record("page \(index): \(Self.describeDifference(actual, expected))")
                return
            }
        }
    }

    // MARK: Escaping

    /// Renders `{{pageTitle}}` with swift-mustache's HTML content type and with `MarkdownEscaping`.
    struct MustacheEscaper {
        let html: TemplateSet
        let markdown: TemplateSet

        init() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-escape-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            for (format, page) in [("html", "{{pageTitle}}"), ("markdown", "{{% CONTENT_TYPE: MARKDOWN}}{{pageTitle}}")] {
                let directory = folder.appendingPathComponent(format)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                for name in TemplateSet.required {
                    try Data((name == "page" ? page : "").utf8).write(to: directory.appendingPathComponent("\(name).mustache"))
                }
            }
            var log = DiagnosticLog()
            let layers = [TemplateSet.Layer(folder: folder, displayName: "escape")]
            html = try #require(TemplateSet.load(from: layers, format: .html, log: &log))
            markdown = try #require(TemplateSet.load(from: layers, format: .markdown, log: &log))
        }

        func escape(_ text: String, _ format: OutputFormat) -> String {
            let page = PageView(packageTitle: "", pageTitle: text, subtitle: "", generator: "", nav: [])
            return (format == .html ? html : markdown).render(page)
        }
    }

    static func html(_ text: String) -> String {
        var buffer = RenderBuffer()
        buffer.appendHTMLEscaped(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    static func markdown(_ text: String) -> String {
        var buffer = RenderBuffer()
        buffer.appendMarkdownEscaped(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test func htmlEscapingReplacesTheFiveSpecialCharacters() {
        #expect(Self.html(#"<a href="x" title='y'>&amp;</a>"#)
            == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;")
        #expect(Self.html("") == "")
        #expect(Self.html("plain text, no specials: *_`[]#!|~\\") == "plain text, no specials: *_`[]#!|~\\")
        #expect(Self.html("é · ⚠ 日本語 👍🏽 🇫🇷") == "é · ⚠ 日本語 👍🏽 🇫🇷")
        #expect(Self.html("é<ü>&👍🏽\"'") == "é&lt;ü&gt;&amp;👍🏽&quot;&#39;")
        #expect(Self.html("line\nbreak\r\n") == "line\nbreak\r\n")
        // A combining mark makes "<" part of another Character, which Mustache leaves alone.
        #expect(Self.html("a<\u{338}b<c") == "a<\u{338}b&lt;c")
    }

    @Test func markdownEscapingBackslashesSpecialsAndFlattensLineBreaks() {
        #expect(Self.markdown(##"\`*_[]<>|~&#!"##) == ##"\\\`\*\_\[\]\<\>\|\~\&\#\!"##)
        #expect(Self.markdown("a (b) {c} + - . : ; = ? @ ^ $ % ' \"") == "a (b) {c} + - . : ; = ? @ ^ $ % ' \"")
        #expect(Self.markdown("one\ntwo\r\nthree\rfour\u{0B}\u{0C}five") == "one two three four  five")
        #expect(Self.markdown("a\u{85}b\u{2028}c\u{2029}d") == "a b c d")
        #expect(Self.markdown("é·⚠ 日本語 👍🏽") == "é·⚠ 日本語 👍🏽")
        #expect(Self.markdown("**Grüße** _x_") == "\\*\\*Grüße\\*\\* \\_x\\_")
        // U+1FEF GREEK VARIA is canonically "`"; "_" with a combining mark is another Character.
        #expect(Self.markdown("\u{1FEF}") == "\\\u{1FEF}")
        #expect(Self.markdown("_\u{301}_") == "_\u{301}\\_")
        #expect(Self.markdown("x") == MarkdownEscaping.escape("x"))
    }

    /// Random text from characters that need care, escaped natively and by the reference code.
    @Test func escapingMatchesTheReferenceOnAwkwardText() throws {
        let mustache = try MustacheEscaper()
        var generator = ViewGenerator(seed: 3)
        for _ in 0..<3000 {
            let text = generator.text(maxPieces: 12)
            #expect(Self.html(text) == mustache.escape(text, .html), "\(text.debugDescription)")
            #expect(Self.markdown(text) == mustache.escape(text, .markdown), "\(text.debugDescription)")
            #expect(Self.markdown(text) == MarkdownEscaping.escape(text), "\(text.debugDescription)")
        }
    }

    /// Every scalar of the planes in use that is not ASCII, around special characters.
    @Test func escapingMatchesTheReferenceForEveryScalar() throws {
        var failures: [String] = []
        for value in Array(0x80...0x2FFFF) + Array(0xE0000...0xE01EF) {
            guard let scalar = Unicode.Scalar(value), failures.count < 10 else { continue }
            let text = "<\(scalar)>_\(scalar)_"
            if Self.html(text) != RenderBuffer.referenceHTMLEscape(text) || Self.markdown(text) != MarkdownEscaping.escape(text) {
                failures.append(String(value, radix: 16))
            }
        }
        #expect(failures.isEmpty, "scalars escaped differently: \(failures)")
    }

    // MARK: Tidy

    /// The text's scalars, readable whatever they are: ASCII as it is, others as `{hex}`.
    static func scalars(_ text: String) -> String {
        text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "{\(String($0.value, radix: 16))}" }.joined()
    }

    static func tidy(_ text: String, _ format: OutputFormat) -> String {
        var buffer = RenderBuffer()
        buffer.appendRaw(text)
        buffer.tidy(format)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test func tidyCollapsesBlankLinesOutsideFencesOnly() {
        #expect(Self.tidy("\n\na\n\n\n \nb\n\n", .markdown) == "a\n\nb\n")
        #expect(Self.tidy("a\n```\n\n\n\n```\n\n\n~~~~\n  \n\n~~~\n~~~~\n\n\nb", .markdown)
            == "a\n```\n\n\n\n```\n\n~~~~\n  \n\n~~~\n~~~~\n\nb\n")
        #expect(Self.tidy("x\n  \t\n\n", .html) == "x\n")
        #expect(Self.tidy("x\n\n  y\n", .html) == "x\n\n  y\n")
        #expect(Self.tidy("", .markdown) == "\n")
        #expect(Self.tidy(" \n\n", .html) == "\n")
    }

    /// Random documents of awkward lines, tidied natively and by `PackageRenderer.tidy`.
    @Test func tidyMatchesTheReference() {
        var generator = ViewGenerator(seed: 4)
        for _ in 0..<3000 {
            let text = generator.document()
            for format in OutputFormat.allCases where Self.tidy(text, format) != PackageRenderer.tidy(text, format) {
                Issue.record(
                    """
                    \(format) tidies differently: \(Self.scalars(text))
                      native:    \(Self.scalars(Self.tidy(text, format)))
                      reference: \(Self.scalars(PackageRenderer.tidy(text, format)))
                    """)
                return
            }
        }
    }
}

/// Deterministic random view models and text for comparing the engines.
struct ViewGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    }

    mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }

    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }

    /// Pieces that escaping or tidying treat specially, and some that merely look like they might be.
    static let pieces: [String] = [
        "a", "Text", " ", "  ", "\t", "<", ">", "&", "\"", "'", "&amp;", "\\", "`", "```", "~~~", "*", "_", "[", "]", "|",
        "~", "#", "!", "(", ")", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{A0}",
        "\u{3000}", "é", "e\u{301}", "<\u{338}", "\u{301}", "\u{1FEF}", "\u{600}", "\u{600}[", "·", "⚠", "👍🏽",
        "👨‍👩‍👧", "🇫🇷", "\u{200D}", "日本", "x_y", "<script>", "a\u{0300}_", "|\u{20E3}", "#\u{FE0F}\u{20E3}",
        "\u{1C}", "\u{1F}", "\u{FEFF}", "\u{0D4E}`",
    ]

    mutating func text(maxPieces: Int = 6) -> String {
        (0..<next(maxPieces + 1)).map { _ in Self.pieces[next(Self.pieces.count)] }.joined()
    }

    /// Mostly ordinary words, sometimes awkward text.
    mutating func value() -> String {
        chance(70) ? ["alpha", "Beta 2", "x-1", "", "RISK-001", "a b"][next(6)] : text()
    }

    static let lines: [String] = [
        "", " ", "  ", "\t", "text", "  indented", "```", "```sh", "````", "~~~", "~~~~", " ```", "``", "``` x",
        "\u{1FEF}\u{1FEF}\u{1FEF}", "`\u{301}``", "```\u{301}", " \u{301}", "\u{A0}", "\u{3000}", "é", "\r", "a\r",
        "\u{85}", "\u{2028}", "- item", "| a |", "\u{600}x", "<p>", "\r\n",
    ]

    /// Lines of text, as narratives and pages have them.
    mutating func document() -> String {
        (0..<next(14)).map { _ in chance(80) ? Self.lines[next(Self.lines.count)] : text() }.joined(separator: "\n")
            + ["", "\n", "\n\n", " \n"][next(4)]
    }

    mutating func fragments() -> [Fragment] {
        (0..<next(4)).map { index in
            Fragment(
                text: value(), href: chance(50) ? value() : nil, code: chance(40),
                separator: index == 0 ? "" : [", ", " · ", value()][next(3)])
        }
    }

    mutating func table() -> TableView {
        let columns = (0..<next(4)).map { _ in value() }
        let rows = (0..<(chance(25) ? 0 : next(5))).map { _ in
            (0..<max(1, columns.count)).map { _ in Cell(fragments(), gap: chance(20)) }
        }
        return TableView(value(), columns: columns, rows: rows, empty: value())
    }

    mutating func findings() -> [FindingView] {
        (0..<next(3)).map { _ in FindingView(message: value(), source: value(), href: value(), subject: value()) }
    }

    mutating func narratives() -> [NarrativeView] {
        (0..<next(3)).map { _ in NarrativeView(title: value(), source: value(), narrative: document()) }
    }

    mutating func record(level: Int) -> RecordView {
        let fields = (0..<next(4)).map { _ in FieldView(name: value(), fragments: fragments()) }
        let references = fragments()
        let findings = findings()
        let diagram: DiagramView? =
            chance(30)
            ? DiagramView(
                svg: chance(50) ? "<svg>\(document())</svg>" : nil, image: chance(50) ? value() : nil,
                userImage: chance(50) ? value() : nil, alt: value(), hasFigure: chance(60), flows: chance(50) ? table() : nil)
            : nil
        let title = value()
        return RecordView(
            id: value(), title: title, hasTitle: chance(70), kind: value(), source: value(), level: level,
            hashes: String(repeating: "#", count: level), fields: fields, hasFields: chance(80) ? !fields.isEmpty : chance(50),
            narrative: chance(50) ? document() : "", hasNarrative: chance(50), findings: findings,
            hasFindings: chance(80) ? !findings.isEmpty : chance(50), referencedBy: references,
            hasReferencedBy: chance(80) ? !references.isEmpty : chance(50), diagram: diagram, hasDiagram: chance(80) ? diagram != nil : chance(50))
    }

    mutating func section(level: Int) -> SectionView {
        let findings = findings()
        return SectionView(
            number: value(), anchor: value(), heading: value(), guidance: value(), level: level,
            hashes: String(repeating: "#", count: level), status: value(), statusClass: value(), isMissing: chance(30),
            expectation: value(), narratives: narratives(), tables: (0..<next(3)).map { _ in table() },
            records: (0..<next(4)).map { _ in record(level: level + 1) }, findings: findings,
            hasFindings: chance(80) ? !findings.isEmpty : chance(50),
            sections: level < 3 ? (0..<next(3)).map { _ in section(level: level + 1) } : [])
    }

    mutating func page() -> PageView {
        let nav = (0..<next(5)).map { index in
            NavItem(title: value(), href: value(), current: chance(30), separator: index == 0 ? "" : value())
        }
        var page = PageView(packageTitle: value(), pageTitle: value(), subtitle: value(), generator: value(), nav: nav)
        // Usually one part, as the builder makes pages; sometimes none or several.
        let parts = chance(80) ? [next(4)] : (0..<4).filter { _ in chance(50) }
        for part in parts {
            switch part {
            case 0:
                let findings = findings()
                page.overview = OverviewView(
                    facts: (0..<next(4)).map { _ in FactView(name: value(), value: value()) }, description: document(),
                    narratives: narratives(), summary: table(), findings: findings, hasFindings: chance(80) ? !findings.isEmpty : chance(50),
                    findingCount: next(20) - 2)
            case 1: page.chapter = section(level: 1)
            case 2: page.appendix = AppendixView(recordIndexHref: value(), glossary: table(), attachments: table())
            default: page.recordIndex = table()
            }
        }
        return page
    }
}
