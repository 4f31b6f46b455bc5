import Foundation
import SubgenMarkdown
import SubgenModel
import SubgenRender
import SubgenTestSupport
import Testing

/// For generated projects, every record shows in both trees with its ID, title and every field value, and every
/// reference it makes is a link to the referenced record.
@Suite struct NoRecordLostTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Words and the characters that trouble HTML and Markdown writers: markup, entities, emphasis, pipes,
    /// backslashes, non-Latin scripts, combining marks, emoji.
    static let words = [
        "pump", "bolus", "Ring", "<b>bold</b>", "&amp;", "a&b", "\"quoted\"", "'single'", "x|y", "*star*", "_under_",
        "`tick`", "back\\slash", "50%", "#hash", "{{title}}", "設備", "مرحبا", "e\u{301}", "🫀", "Ω", "a<b", "c>d",
        "~tilde~", "[bracket", "end]", "+plus", "1.", "—", "naïve",
    ]

    static func phrase(_ generator: inout Generator, words count: ClosedRange<Int> = 1...7) -> String {
        (0..<Int.random(in: count, using: &generator)).map { _ in words.randomElement(using: &generator)! }
            .joined(separator: " ")
    }

    /// A project of `size` assets, threats, controls, interfaces and components whose free-text fields and titles
    /// are random phrases, with references between them.
    static func randomProject(seed: UInt64, size: Int) throws -> TemporaryProject {
        var generator = Generator(state: seed)
        var text = "# Generated records\n\n"
        for index in 1...size {
            text += "## ASSET-\(index): \(phrase(&generator))\n\n- Type: data\n- Owner: \(phrase(&generator))\n"
            text += "- Note: \(phrase(&generator, words: 0...12))\n\n\(phrase(&generator, words: 5...30))\n\n"
            let assets = (0..<Int.random(in: 1...3, using: &generator)).map { _ in "ASSET-\(Int.random(in: 1...index, using: &generator))" }
            text += "## CTRL-\(index): \(phrase(&generator))\n\n- Category: Authentication\n- Rationale: \(phrase(&generator))\n\n"
            text += "## THR-\(index): \(phrase(&generator))\n\n- Assets: \(Set(assets).sorted().joined(separator: ", "))\n"
            text += "- STRIDE: Tampering\n- Mitigated by: CTRL-\(Int.random(in: 1...index, using: &generator))\n"
            text += "- Detail: \(phrase(&generator))\n\nNarrative naming [ASSET-\(index)] and [CTRL-\(index)].\n\n"
            text += "## IF-\(index): \(phrase(&generator))\n\n- Protocol: \(phrase(&generator))\n- Connects: \(phrase(&generator))\n"
            text += "- Authentication: \(phrase(&generator))\n- Encryption: \(phrase(&generator))\n\n"
            text += "## SW-\(index): \(phrase(&generator))\n\n- Name: \(phrase(&generator))\n- Version: \(phrase(&generator, words: 1...2))\n"
            text += "- Supplier: \(phrase(&generator))\n- License: \(phrase(&generator))\n- Support: Maintained\n"
            text += "- End of support: none announced\n\n"
        }
        return try TemporaryProject(["records.md": text])
    }

    /// An HTML fragment's text as a browser shows it: tags removed (block boundaries too, which only makes
    /// `contains` more lenient across blocks), subgen's entities decoded, spaces collapsed.
    static func visibleText(ofHTML html: Substring) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return collapsed(LinkIntegrityTests.decodingEntities(text))
    }

    /// A Markdown fragment's text as a reader sees it: parsed by libcmark, plain text, spaces collapsed.
    static func visibleText(ofMarkdown markdown: Substring) -> String {
        collapsed(MarkdownParser.parse(String(markdown)).plainText())
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The HTML article and the Markdown section of every record, by ID.
    static func sections(_ files: [String: String]) -> (html: [String: Substring], markdown: [String: Substring]) {
        var html: [String: Substring] = [:]
        var markdown: [String: Substring] = [:]
        for (path, text) in files where path.hasPrefix("html/") || path.hasPrefix("markdown/") {
            let isHTML = path.hasPrefix("html/")
            let opening = isHTML ? "<article class=\"record\" id=\"" : "<a id=\""
            var rest = text[...]
            while let start = rest.range(of: opening) {
                let afterID = rest[start.upperBound...]
                guard let quote = afterID.firstIndex(of: "\"") else { break }
                let id = String(afterID[..<quote])
                let body = afterID[quote...]
                let end = body.range(of: isHTML ? "</article>" : "\n<a id=\"")?.lowerBound ?? body.endIndex
                if isHTML { html[id] = body[..<end] } else { markdown[id] = body[..<end].drop { $0 != "\n" } }
                rest = body[end...]
            }
        }
        return (html, markdown)
    }

    static func expectNothingLost(in root: URL) throws {
        let (outcome, prepared) = PackageBuild(project: root, renderer: PackageRenderer()).prepare()
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(5).map { "\($0.location.line): \($0.message)" })")
        let package = try #require(prepared).package()
        let project = try #require(outcome.analysis).project
        let files = Dictionary(package.files.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) }) { a, _ in a }
        let (html, markdown) = sections(files)
        var checked = 0
        for record in project.records {
            guard let article = html[record.id], let section = markdown[record.id] else {
                Issue.record("\(record.id) is missing from the \(html[record.id] == nil ? "HTML" : "Markdown")")
                continue
            }
            let htmlText = visibleText(ofHTML: article)
            let markdownText = visibleText(ofMarkdown: section)
            for (format, text) in [("HTML", htmlText), ("Markdown", markdownText)] {
                #expect(text.contains(record.id) && (record.title.isEmpty || text.contains(collapsed(record.title))), "\(record.id): title '\(record.title)' missing from \(format): \(text.prefix(200))")
                for field in record.fields where !(record.kind == "view" && field.key == "flows") {
                    for value in field.values where !text.contains(collapsed(value.text)) {
                        Issue.record("\(record.id): \(field.name) '\(value.text)' missing from \(format): \(text.prefix(300))")
                    }
                    checked += 1
                }
            }
            for reference in record.references where project.record(reference.target) != nil {
                #expect(article.contains("#\(reference.target)\""), "\(record.id): no HTML link to \(reference.target)")
                #expect(section.contains("#\(reference.target))"), "\(record.id): no Markdown link to \(reference.target)")
            }
        }
        #expect(checked > project.records.count)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomProjectsLoseNothing(seed: UInt64) throws {
        let project = try Self.randomProject(seed: seed, size: 40)
        defer { try? FileManager.default.removeItem(at: project.root) }
        try Self.expectNothingLost(in: project.root)
    }

    @Test func benchmarkProjectLosesNothing() throws {
        let project = try BenchmarkProjectTests.generate(records: 400, components: 60)
        defer { try? FileManager.default.removeItem(at: project) }
        try Self.expectNothingLost(in: project)
    }
}
