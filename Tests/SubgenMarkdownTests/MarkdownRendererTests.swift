import Foundation
import Testing

@testable import SubgenMarkdown

@Suite struct MarkdownRendererTests {
    // MARK: - Fixtures

    /// Lines joined explicitly, so the two trailing spaces of the hard break cannot be lost to an editor.
    private static let variedDocument = [
        "Setext Title",
        "============",
        "",
        "## ATX *heading* with `code` ##",
        "",
        "Paragraph with *emphasis*, **strong**, ***both***, `code`, and a",
        "soft break, then a hard break  ",
        "and a backslash break\\",
        "done. Entities: &copy; &amp; &#35; &lt;tag&gt; — ünïcödé ☃ 日本語.",
        "",
        "[link](https://example.org/a?b=1&c=2 \"Title \\\"quoted\\\"\") and [ref][r] and <https://auto.example>.",
        "![image *alt*](img/p.png \"Picture\") and ![plain](x.gif).",
        "",
        "[r]: /ref/url 'Ref title'",
        "",
        "1. first",
        "2. second",
        "",
        "7) seven",
        "8) eight",
        "",
        "- loose",
        "",
        "- list",
        "  with continuation",
        "",
        "* nested",
        "  - inner",
        "    1. deep",
        "",
        "> quote",
        ">",
        "> > nested quote",
        "> > - item in quote",
        "",
        "```swift",
        "let x = \"<b>\"",
        "```",
        "",
        "    indented code",
        "",
        "***",
        "Last line.",
        "",
    ].joined(separator: "\n")

    /// `cmark` 0.30.2 output for `variedDocument`.
    private static let variedDocumentHTML = [
        "<h1>Setext Title</h1>",
        "<h2>ATX <em>heading</em> with <code>code</code></h2>",
        "<p>Paragraph with <em>emphasis</em>, <strong>strong</strong>, <em><strong>both</strong></em>, <code>code</code>, and a",
        "soft break, then a hard break<br />",
        "and a backslash break<br />",
        "done. Entities: © &amp; # &lt;tag&gt; — ünïcödé ☃ 日本語.</p>",
        "<p><a href=\"https://example.org/a?b=1&amp;c=2\" title=\"Title &quot;quoted&quot;\">link</a> and <a href=\"/ref/url\" title=\"Ref title\">ref</a> and <a href=\"https://auto.example\">https://auto.example</a>.",
        "<img src=\"img/p.png\" alt=\"image alt\" title=\"Picture\" /> and <img src=\"x.gif\" alt=\"plain\" />.</p>",
        "<ol>",
        "<li>first</li>",
        "<li>second</li>",
        "</ol>",
        "<ol start=\"7\">",
        "<li>seven</li>",
        "<li>eight</li>",
        "</ol>",
        "<ul>",
        "<li>",
        "<p>loose</p>",
        "</li>",
        "<li>",
        "<p>list",
        "with continuation</p>",
        "</li>",
        "</ul>",
        "<ul>",
        "<li>nested",
        "<ul>",
        "<li>inner",
        "<ol>",
        "<li>deep</li>",
        "</ol>",
        "</li>",
        "</ul>",
        "</li>",
        "</ul>",
        "<blockquote>",
        "<p>quote</p>",
        "<blockquote>",
        "<p>nested quote</p>",
        "<ul>",
        "<li>item in quote</li>",
        "</ul>",
        "</blockquote>",
        "</blockquote>",
        "<pre><code class=\"language-swift\">let x = &quot;&lt;b&gt;&quot;",
        "</code></pre>",
        "<pre><code>indented code",
        "</code></pre>",
        "<hr />",
        "<p>Last line.</p>",
        "",
    ].joined(separator: "\n")

    private static let cmarkProgram = "/usr/bin/cmark"

    /// Runs Debian's `cmark` program (default options, so safe mode) on `markdown`.
    private func cmarkHTML(_ markdown: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.cmarkProgram)
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private func html(_ markdown: String) -> String {
        MarkdownRenderer.html(MarkdownParser.parse(markdown))
    }

    private func sanitizedHTML(_ markdown: String) -> String {
        MarkdownRenderer.html(MarkdownParser.parse(markdown).sanitized())
    }

    private func sanitizedCommonMark(_ markdown: String) -> String {
        MarkdownRenderer.commonMark(MarkdownParser.parse(markdown).sanitized())
    }

    private func text(_ value: String) -> MarkdownNode { MarkdownNode(.text(value)) }

    private func paragraph(_ inlines: MarkdownNode...) -> MarkdownNode { MarkdownNode(.paragraph, children: inlines) }

    // MARK: - HTML

    @Test func htmlOfParsedDocumentMatchesCmark() {
        #expect(html(Self.variedDocument) == Self.variedDocumentHTML)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: MarkdownRendererTests.cmarkProgram)))
    func htmlMatchesTheCmarkProgram() throws {
        let documents = [
            Self.variedDocument,
            "a <b>raw</b> c\n\n<div>\nblock\n</div>\n",
            "[x](javascript:alert(1)) ![y](data:image/png;base64,AAAA) [z](data:image/gif,x)\n",
            "1. a\n\n   b\n2. c\n\n- [ ] x\n\n| a |\n|---|\n",
            "Héllo\u{0}wörld &nbsp;&#x1F600;\n\n\\* not a list\n",
        ]
        for document in documents {
            #expect(html(document) == (try cmarkHTML(document)), "\(document.debugDescription)")
        }
    }

    @Test func htmlIsDeterministic() {
        let document = MarkdownParser.parse(Self.variedDocument)
        let outputs = Set((0..<20).map { _ in MarkdownRenderer.html(document) })
        #expect(outputs.count == 1)
        #expect(Set((0..<20).map { _ in MarkdownRenderer.commonMark(document) }).count == 1)
    }

    @Test func htmlOfSingleNodes() {
        let emphasis = MarkdownNode(.emphasis, children: [text("a < b")])
        #expect(MarkdownRenderer.html(emphasis) == "<em>a &lt; b</em>")
        #expect(MarkdownRenderer.html(text("x & y")) == "x &amp; y")
        #expect(MarkdownRenderer.html(paragraph(text("p"))) == "<p>p</p>\n")
        #expect(MarkdownRenderer.html(MarkdownNode(.heading(level: 3), children: [text("h")])) == "<h3>h</h3>\n")
        #expect(MarkdownRenderer.html(MarkdownNode(.document)) == "")
    }

    @Test func htmlOfBlockArrayWrapsThemInADocument() {
        let blocks = [
            MarkdownNode(.heading(level: 2), children: [text("T")]),
            paragraph(text("one"), MarkdownNode(.softBreak), text("two")),
            MarkdownNode(.thematicBreak),
        ]
        #expect(MarkdownRenderer.html(blocks) == "<h2>T</h2>\n<p>one\ntwo</p>\n<hr />\n")
        #expect(MarkdownRenderer.commonMark(blocks) == "## T\n\none\ntwo\n\n-----\n")
        #expect(MarkdownRenderer.html([]) == "")
    }

    @Test func otherNodesRenderTheirChildrenInPlace() {
        let inlineGroup = MarkdownNode(.other, children: [text("a "), MarkdownNode(.strong, children: [text("b")])])
        #expect(MarkdownRenderer.html(paragraph(text("["), inlineGroup, text("]"))) == "<p>[a <strong>b</strong>]</p>\n")
        #expect(MarkdownRenderer.html(inlineGroup) == "a <strong>b</strong>")
        let blockGroup = MarkdownNode(.other, children: [paragraph(text("x")), MarkdownNode(.thematicBreak)])
        #expect(MarkdownRenderer.html(blockGroup) == "<p>x</p>\n<hr />\n")
        #expect(MarkdownRenderer.html([blockGroup, paragraph(text("y"))]) == "<p>x</p>\n<hr />\n<p>y</p>\n")
        let nestedDocuments = [MarkdownParser.parse("# A\n"), MarkdownParser.parse("b\n")]
        #expect(MarkdownRenderer.html(nestedDocuments) == "<h1>A</h1>\n<p>b</p>\n")
    }

    @Test func listStylesAreRendered() {
        let item = MarkdownNode(.item, children: [paragraph(text("x"))])
        let ordered = MarkdownNode(
            .list(MarkdownNode.ListStyle(ordered: true, start: 3, tight: true, parenDelimiter: true)),
            children: [item, item])
        #expect(MarkdownRenderer.html(ordered) == "<ol start=\"3\">\n<li>x</li>\n<li>x</li>\n</ol>\n")
        #expect(MarkdownRenderer.commonMark(ordered) == "3)  x\n4)  x\n")
        let loose = MarkdownNode(.list(MarkdownNode.ListStyle(ordered: false, tight: false)), children: [item])
        #expect(MarkdownRenderer.html(loose) == "<ul>\n<li>\n<p>x</p>\n</li>\n</ul>\n")
        // A lone item would come out of libcmark as "0.  x".
        #expect(MarkdownRenderer.commonMark(item) == "  - x\n")
    }

    @Test func invalidHandBuiltTreesAreSkippedNotFatal() {
        let tree = MarkdownNode(
            .document,
            children: [
                text("inline at document level"),
                MarkdownNode(.emphasis, children: [paragraph(text("block in inline")), text("kept")]),
                MarkdownNode(.item, children: [paragraph(text("item outside a list"))]),
                MarkdownNode(.text("leaf"), children: [text("child of a leaf")]),
                paragraph(
                    text("a\u{0}b"),
                    MarkdownNode(.text("leaf"), children: [text("child of a leaf")]),
                    MarkdownNode(.emphasis, children: [paragraph(text("block in inline")), text("kept")])),
                MarkdownNode(.heading(level: 0), children: [text("low")]),
                MarkdownNode(.heading(level: 99), children: [text("high")]),
                MarkdownNode(.list(MarkdownNode.ListStyle(ordered: true, start: -5)), children: [MarkdownNode(.item)]),
                MarkdownNode(.list(MarkdownNode.ListStyle(ordered: true, start: .max)), children: [text("not an item")]),
            ])
        #expect(
            MarkdownRenderer.html(tree)
                == "<p>a\u{FFFD}bleaf<em>kept</em></p>\n<h1>low</h1>\n<h6>high</h6>\n<ol start=\"0\">\n<li></li>\n</ol>\n"
                + "<ol start=\"2147483647\">\n</ol>\n")
        #expect(!MarkdownRenderer.commonMark(tree).isEmpty)
    }

    @Test func deepNestingRendersWithoutRecursion() {
        // As deep as the parser keeps: block quotes down to the paragraph and text at the depth limit.
        let deep = MarkdownParser.parse(String(repeating: "> ", count: MarkdownParser.maximumDepth - 2) + "deep\n")
        let output = MarkdownRenderer.html(deep)
        #expect(output.hasPrefix("<blockquote>\n<blockquote>\n"))
        #expect(output.contains("<p>deep</p>"))
        #expect(MarkdownRenderer.commonMark(deep).contains("deep"))
        #expect(deep.sanitized() == deep)
        #expect(deep.shiftingHeadings(by: 1).rewritingText { _ in [] }.plainText() == "")
    }

    // MARK: - CommonMark

    @Test func commonMarkDoesNotWrapAndEscapesText() {
        let long = String(repeating: "word ", count: 40) + "end"
        #expect(MarkdownRenderer.commonMark(MarkdownParser.parse(long + "\n")) == long + "\n")
        let document = MarkdownParser.parse("# T\n\nA *b* [c](/d \"e\") `f` \\[THR-1\\] <x> \\*\n")
        #expect(MarkdownRenderer.commonMark(document) == "# T\n\nA *b* [c](/d \"e\") `f` \\[THR-1\\] <x> \\*\n")
    }

    @Test func commonMarkRoundTripKeepsTheHTML() {
        // Lists kept apart by paragraphs: see `adjacentListsGetAnHTMLComment` for why.
        let document = Self.variedDocument
            .replacingOccurrences(of: "7) seven", with: "Between.\n\n7) seven")
            .replacingOccurrences(of: "- loose", with: "Between.\n\n- loose")
            .replacingOccurrences(of: "* nested", with: "Between.\n\n* nested")
            .replacingOccurrences(of: "    indented code", with: "Between.\n\n    indented code")
        let original = html(document)
        let once = MarkdownRenderer.commonMark(MarkdownParser.parse(document))
        #expect(!once.contains("<!--"))
        #expect(html(once) == original)
        let twice = MarkdownRenderer.commonMark(MarkdownParser.parse(once))
        #expect(twice == once)
    }

    @Test func adjacentListsGetAnHTMLComment() {
        // libcmark separates a list from a following list or indented code block with a raw HTML
        // comment, which safe mode then renders as "raw HTML omitted".
        let document = "1. a\n\n- b\n"
        let commonMark = MarkdownRenderer.commonMark(MarkdownParser.parse(document))
        #expect(commonMark == "1.  a\n\n<!-- end list -->\n\n  - b\n")
        #expect(html(document) == "<ol>\n<li>a</li>\n</ol>\n<ul>\n<li>b</li>\n</ul>\n")
        #expect(html(commonMark) == "<ol>\n<li>a</li>\n</ol>\n<!-- raw HTML omitted -->\n<ul>\n<li>b</li>\n</ul>\n")
        // Parsing the output again and re-rendering is stable from then on.
        #expect(MarkdownRenderer.commonMark(MarkdownParser.parse(commonMark)) == commonMark)
    }

    // MARK: - Sanitizing

    @Test func scriptBlocksAndInlinesAreShownEscaped() {
        let markdown = "<script>alert(1)</script>\n\nInline <script>alert(2)</script> here.\n"
        let output = sanitizedHTML(markdown)
        #expect(!output.lowercased().contains("<script"))
        #expect(
            output
                == "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"
                + "<p>Inline <code>&lt;script&gt;</code>alert(2)<code>&lt;/script&gt;</code> here.</p>\n")
        let commonMark = sanitizedCommonMark(markdown)
        #expect(html(commonMark) == output)
        // Unsanitized, libcmark's safe mode hides the HTML instead of showing it.
        #expect(html(markdown).contains("<!-- raw HTML omitted -->"))
        #expect(!html(markdown).contains("<script"))
    }

    @Test func sanitizedMapsRawHTMLToCode() {
        let document = MarkdownParser.parse("<div>\nx\n</div>\n\na <b>c</b>\n")
        let clean = document.sanitized()
        #expect(clean.children[0].kind == .codeBlock(info: "", literal: "<div>\nx\n</div>\n"))
        #expect(clean.children[0].range == document.children[0].range)
        #expect(clean.children[1].children.map(\.kind) == [.text("a "), .code("<b>"), .text("c"), .code("</b>")])
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](<  javascript:alert(1)>)",
        "[x](&#106;avascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](data:image/png;base64,AAAA)",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ])
    func unsafeLinksLoseTheirURL(markdown: String) {
        let output = sanitizedHTML(markdown)
        #expect(output == "<p>x</p>\n")
        let commonMark = sanitizedCommonMark(markdown)
        #expect(commonMark == "x\n")
    }

    @Test(arguments: [
        "![a](javascript:alert(1))",
        "![a](  JAVASCRIPT:alert(1))",
        "![a](<javascript:alert(1)>)",
        "![a](data:text/html,x)",
        "![a](data:image/svg+xml;base64,AAAA)",
        "![a](data:image/png,AAAA)",
        "![a](file:///etc/passwd)",
    ])
    func unsafeImagesBecomeTheirAltText(markdown: String) {
        #expect(sanitizedHTML(markdown) == "<p>a</p>\n")
        #expect(sanitizedCommonMark(markdown) == "a\n")
    }

    @Test func autolinkToJavascriptKeepsOnlyItsText() {
        let output = sanitizedHTML("<javascript:alert(1)>\n")
        #expect(output == "<p>javascript:alert(1)</p>\n")
        #expect(!output.contains("href"))
        #expect(html(sanitizedCommonMark("<javascript:alert(1)>\n")) == output)
    }

    @Test func handBuiltURLsWithControlCharactersAreCaught() {
        for destination in [
            "java\tscript:alert(1)", "java\nscript:alert(1)", "java\r\nscript:alert(1)", "\u{1}\u{0} javascript:x",
            "\u{7F}javascript:x", "jav\u{0}ascript:x", "\tdata:text/html,x", "VBScript:x", "FILE:x",
        ] {
            let link = MarkdownNode(.link(destination: destination, title: "t"), children: [text("x")])
            let clean = paragraph(text("a "), link, text(" b")).sanitized()
            #expect(clean.children.map(\.kind) == [.text("a x b")], "\(destination.debugDescription)")
            #expect(MarkdownRenderer.html(clean) == "<p>a x b</p>\n")
        }
    }

    @Test func safeURLsAreKept() {
        let markdown =
            "[a](https://x.org/javascript:y) [b](/rel \"t\") [c](mailto:m@x.org) [d](#frag) [e](java script:x)"
            + " ![f](data:image/png;base64,AAAA) ![g](DATA:IMAGE/WEBP;BASE64,AAAA) ![h](p.png)\n"
        let document = MarkdownParser.parse(markdown)
        #expect(document.sanitized() == document)
        #expect(
            sanitizedHTML(markdown)
                == "<p><a href=\"https://x.org/javascript:y\">a</a> <a href=\"/rel\" title=\"t\">b</a>"
                + " <a href=\"mailto:m@x.org\">c</a> <a href=\"#frag\">d</a> [e](java script:x)"
                + " <img src=\"data:image/png;base64,AAAA\" alt=\"f\" /> <img src=\"DATA:IMAGE/WEBP;BASE64,AAAA\" alt=\"g\" />"
                + " <img src=\"p.png\" alt=\"h\" /></p>\n")
    }

    @Test func sanitizedKeepsLinkTextAndMergesNeighbours() {
        let document = MarkdownParser.parse("see [the *docs* here](javascript:x) now and [y](vbscript:z)\n")
        let clean = document.sanitized()
        #expect(
            clean.children[0].children.map(\.kind) == [
                .text("see the "), .emphasis, .text(" here now and y"),
            ])
        #expect(MarkdownRenderer.html(clean) == "<p>see the <em>docs</em> here now and y</p>\n")
        // An unsafe image inside a link, and raw HTML in its alt text, still leave readable text.
        let nested = MarkdownParser.parse("[![alt <b>x</b>](javascript:y)](/ok)\n").sanitized()
        #expect(MarkdownRenderer.html(nested) == "<p><a href=\"/ok\">alt &lt;b&gt;x&lt;/b&gt;</a></p>\n")
    }

    @Test func sanitizedRootLinkBecomesAGroupOfItsChildren() {
        let link = MarkdownNode(.link(destination: "javascript:x", title: ""), children: [text("a"), MarkdownNode(.lineBreak)])
        let clean = link.sanitized()
        #expect(clean.kind == .other)
        #expect(clean.children.map(\.kind) == [.text("a"), .lineBreak])
        #expect(MarkdownRenderer.html(clean) == "a<br />\n")
    }

    @Test func isUnsafeDestination() {
        #expect(MarkdownNode.isUnsafe(destination: "javascript:", forImage: false))
        #expect(MarkdownNode.isUnsafe(destination: "data:image/jpeg;base64,x", forImage: false))
        #expect(!MarkdownNode.isUnsafe(destination: "data:image/jpeg;base64,x", forImage: true))
        #expect(MarkdownNode.isUnsafe(destination: "data:image/jpeg;charset=x;base64,x", forImage: true))
        #expect(!MarkdownNode.isUnsafe(destination: "javascript", forImage: false))
        #expect(!MarkdownNode.isUnsafe(destination: "", forImage: false))
        #expect(!MarkdownNode.isUnsafe(destination: "./javascript:x", forImage: false))
        #expect(!MarkdownNode.isUnsafe(destination: "\u{A0}javascript:x", forImage: false))
    }

    // MARK: - Rewriting text

    /// Turns every `[ID]` in `text` into a link to `#ID`.
    private func linkIDs(_ text: String) -> [MarkdownNode]? {
        guard text.contains("[") else { return nil }
        var nodes: [MarkdownNode] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            if open > rest.startIndex { nodes.append(self.text(String(rest[..<open]))) }
            let id = String(rest[rest.index(after: open)..<close])
            nodes.append(MarkdownNode(.link(destination: "#\(id)", title: ""), children: [self.text(id)]))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { nodes.append(self.text(String(rest))) }
        return nodes
    }

    @Test func rewritingTextSkipsCodeLinksAndImages() {
        let markdown =
            "# About \\[THR-1\\]\n\nSee \\[THR-2\\], *\\[THR-3\\]*, `[THR-4]`, [\\[THR-5\\]](/x), ![\\[THR-6\\]](i.png).\n\n"
            + "```\n[THR-7]\n```\n\n    [THR-8]\n\n> - \\[THR-9\\]\n"
        let rewritten = MarkdownParser.parse(markdown).rewritingText(linkIDs)
        #expect(
            MarkdownRenderer.html(rewritten)
                == "<h1>About <a href=\"#THR-1\">THR-1</a></h1>\n"
                + "<p>See <a href=\"#THR-2\">THR-2</a>, <em><a href=\"#THR-3\">THR-3</a></em>, <code>[THR-4]</code>,"
                + " <a href=\"/x\">[THR-5]</a>, <img src=\"i.png\" alt=\"[THR-6]\" />.</p>\n"
                + "<pre><code>[THR-7]\n</code></pre>\n<pre><code>[THR-8]\n</code></pre>\n"
                + "<blockquote>\n<ul>\n<li><a href=\"#THR-9\">THR-9</a></li>\n</ul>\n</blockquote>\n")
    }

    @Test func rewritingTextKeepsNodesForNilAndInsertsReplacementsAsTheyAre() {
        let document = MarkdownParser.parse("keep *this* and drop\n")
        var seen: [String] = []
        let rewritten = document.rewritingText { text in
            seen.append(text)
            if text == "this" { return nil }
            if text.hasSuffix("drop") { return [self.text("dropped"), MarkdownNode(.link(destination: "/l", title: ""), children: [self.text("drop")])] }
            return nil
        }
        #expect(seen == ["keep ", "this", " and drop"])
        #expect(MarkdownRenderer.html(rewritten) == "<p>keep <em>this</em>dropped<a href=\"/l\">drop</a></p>\n")
        #expect(document.rewritingText { _ in nil } == document)
        #expect(text("x").rewritingText { _ in [] }.kind == .other)
    }

    // MARK: - Headings

    @Test func shiftingHeadingsClamps() {
        let document = MarkdownParser.parse("# One\n\n## Two\n\n###### Six\n\ntext\n")
        let levels = { (node: MarkdownNode) in node.children.compactMap(\.headingLevel) }
        #expect(levels(document.shiftingHeadings(by: 1)) == [2, 3, 6])
        #expect(levels(document.shiftingHeadings(by: -1)) == [1, 1, 5])
        #expect(levels(document.shiftingHeadings(by: 0)) == [1, 2, 6])
        #expect(levels(document.shiftingHeadings(by: .max)) == [6, 6, 6])
        #expect(levels(document.shiftingHeadings(by: .min)) == [1, 1, 1])
        #expect(MarkdownNode(.heading(level: 40)).shiftingHeadings(by: 0).headingLevel == 6)
        #expect(
            MarkdownRenderer.html(document.shiftingHeadings(by: 2))
                == "<h3>One</h3>\n<h4>Two</h4>\n<h6>Six</h6>\n<p>text</p>\n")
        let quoted = MarkdownParser.parse("> # In a quote\n").shiftingHeadings(by: 1)
        #expect(quoted.children[0].children[0].headingLevel == 2)
        #expect(quoted.children[0].children[0].range == MarkdownParser.parse("> # In a quote\n").children[0].children[0].range)
    }
}
