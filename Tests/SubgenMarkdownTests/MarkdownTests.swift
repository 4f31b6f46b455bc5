import Testing
@testable import SubgenMarkdown

@Suite struct MarkdownTests {
    @Test func treeShapeAndPositions() {
        let document = MarkdownParser.parse("# Tïtle\n\n## THR-1: x\n\n- A: b\n  - c\n\nSee [THR-1] and `[X-1]` <b>.\n")
        #expect(document.children.count == 4)
        #expect(document.children[0].headingLevel == 1)
        #expect(document.children[1].range == SourceRange(startLine: 3, startColumn: 1, endLine: 3, endColumn: 11))
        guard case .list(let style) = document.children[2].kind else {
            Issue.record("not a list")
            return
        }
        #expect(!style.ordered && style.tight)
        #expect(document.children[2].children[0].children.count == 2)  // paragraph + nested list
        let paragraph = document.children[3]
        #expect(paragraph.children.first?.kind == .text("See [THR-1] and "))
        #expect(paragraph.children.contains { $0.kind == .code("[X-1]") })
        #expect(paragraph.children.contains { $0.kind == .htmlInline("<b>") })
        #expect(paragraph.plainText() == "See [THR-1] and [X-1] <b>.")
    }

    @Test func columnsAreUTF8BytesAfterNonASCII() {
        let document = MarkdownParser.parse("Ünïcödé ☃ *em*\n")
        let emphasis = document.children[0].children[1]
        #expect(emphasis.kind == .emphasis)
        #expect(emphasis.range.startColumn == 17)
    }

    @Test func codeBlocksLinksAndSetextHeadings() {
        let document = MarkdownParser.parse("Title\n=====\n\n```swift\nlet x\n```\n\n[a](https://x.org \"t\") ![i](p.png)\n")
        #expect(document.children[0].headingLevel == 1)
        #expect(document.children[1].kind == .codeBlock(info: "swift", literal: "let x\n"))
        let inlines = document.children[2].children
        #expect(inlines[0].kind == .link(destination: "https://x.org", title: "t"))
        #expect(inlines.last?.kind == .image(destination: "p.png", title: ""))
    }

    @Test func hostileInputDoesNotCrash() {
        let nul = MarkdownParser.parse("a\u{0}b\n")
        #expect(nul.children.count == 1)
        let deep = MarkdownParser.parse(String(repeating: "> ", count: 5_000) + "deep\n")
        var depth = 0
        var node = deep
        while let child = node.children.first {
            depth += 1
            node = child
        }
        #expect(depth > 100)
        let crlf = MarkdownParser.parse("# a\r\n\r\nb\r\n")
        #expect(crlf.children[1].range.startLine == 3)
    }
}
