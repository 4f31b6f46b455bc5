import Testing
import SubgenMarkdown

@Suite struct MarkdownParserTests {
    // MARK: - Helpers

    /// The node at `path` (child indexes from `root`), or nil with a recorded issue.
    private func node(
        _ root: MarkdownNode, _ path: Int..., sourceLocation: SourceLocation = #_sourceLocation
    ) -> MarkdownNode? {
        var current = root
        for (depth, index) in path.enumerated() {
            guard index < current.children.count else {
                Issue.record(
                    "no child \(index) at depth \(depth) (has \(current.children.count)) for path \(path)",
                    sourceLocation: sourceLocation)
                return nil
            }
            current = current.children[index]
        }
        return current
    }

    /// A compact shape of a tree: kind names with children in parentheses.
    private func shape(_ node: MarkdownNode) -> String {
        let name: String
        switch node.kind {
        case .document: name = "document"
        case .blockQuote: name = "blockQuote"
        case .list(let style): name = style.ordered ? "orderedList" : "bulletList"
        case .item: name = "item"
        case .codeBlock: name = "codeBlock"
        case .htmlBlock: name = "htmlBlock"
        case .paragraph: name = "paragraph"
        case .heading(let level): name = "h\(level)"
        case .thematicBreak: name = "thematicBreak"
        case .text(let text): name = "text(\(text))"
        case .softBreak: name = "softBreak"
        case .lineBreak: name = "lineBreak"
        case .code(let code): name = "code(\(code))"
        case .htmlInline(let html): name = "html(\(html))"
        case .emphasis: name = "emphasis"
        case .strong: name = "strong"
        case .link: name = "link"
        case .image: name = "image"
        case .other: name = "other"
        }
        return node.children.isEmpty ? name : name + "(" + node.children.map(shape).joined(separator: ", ") + ")"
    }

    private func range(_ startLine: Int, _ startColumn: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(startLine: startLine, startColumn: startColumn, endLine: endLine, endColumn: endColumn)
    }

    /// Follows first children down from `root` and counts the steps.
    private func firstChildDepth(_ root: MarkdownNode) -> (depth: Int, leaf: MarkdownNode) {
        var depth = 0
        var current = root
        while let child = current.children.first {
            depth += 1
            current = child
        }
        return (depth, current)
    }

    // MARK: - Documents

    @Test func emptyInputIsAnEmptyDocument() {
        let document = MarkdownParser.parse("")
        #expect(document.kind == .document)
        #expect(document.children.isEmpty)
        #expect(MarkdownParser.parse("\n\n   \n").children.isEmpty)
    }

    @Test func documentRangeStartsAtLineOne() {
        let document = MarkdownParser.parse("a\n\nb\n")
        #expect(document.kind == .document)
        #expect(document.range.startLine == 1)
        #expect(document.range.startColumn == 1)
        #expect(document.range.isKnown)
    }

    // MARK: - Headings

    @Test func atxHeadingsOfEveryLevel() {
        let document = MarkdownParser.parse("# one\n## two\n### three\n#### four\n##### five\n###### six\n")
        #expect(document.children.map(\.headingLevel) == [1, 2, 3, 4, 5, 6])
        #expect(document.children.allSatisfy { $0.isHeading })
        #expect(
            document.children.map { $0.children.first?.kind }
                == [.text("one"), .text("two"), .text("three"), .text("four"), .text("five"), .text("six")])
        #expect(document.children.map(\.range.startLine) == [1, 2, 3, 4, 5, 6])
    }

    @Test func sevenHashesAreAParagraph() {
        let document = MarkdownParser.parse("####### seven\n")
        #expect(shape(document) == "document(paragraph(text(####### seven)))")
        #expect(document.children.first?.headingLevel == nil)
        #expect(document.children.first?.isHeading == false)
    }

    @Test func atxClosingHashesAreNotContent() {
        let document = MarkdownParser.parse("## Two ##\n")
        #expect(shape(document) == "document(h2(text(Two)))")
        #expect(node(document, 0, 0)?.range == range(1, 4, 1, 6))
    }

    @Test func atxHeadingRangesAndInlines() {
        let document = MarkdownParser.parse("# Title *x*\n")
        guard let heading = node(document, 0), let text = node(document, 0, 0), let emphasis = node(document, 0, 1)
        else { return }
        #expect(heading.range == range(1, 1, 1, 11))
        #expect(text.kind == .text("Title "))
        #expect(text.range == range(1, 3, 1, 8))
        #expect(emphasis.kind == .emphasis)
        #expect(emphasis.range == range(1, 9, 1, 11))
        #expect(node(document, 0, 1, 0)?.range == range(1, 10, 1, 10))
    }

    @Test func setextHeadings() {
        let document = MarkdownParser.parse("Title\n=====\n\nSub *x*\n---\n")
        #expect(shape(document) == "document(h1(text(Title)), h2(text(Sub ), emphasis(text(x))))")
        #expect(document.children.map(\.range.startLine) == [1, 4])
        #expect(document.children.map(\.range.startColumn) == [1, 1])
        #expect(node(document, 1, 0)?.range == range(4, 1, 4, 4))
    }

    @Test func multiLineSetextHeadingKeepsSoftBreak() {
        let document = MarkdownParser.parse("one\ntwo\n===\n")
        #expect(shape(document) == "document(h1(text(one), softBreak, text(two)))")
        #expect(document.children.first?.plainText() == "one two")
    }

    // MARK: - Lists

    @Test func bulletListIsTightAndUnordered() throws {
        let document = MarkdownParser.parse("- a\n- b\n")
        let list = try #require(node(document, 0))
        guard case .list(let style) = list.kind else {
            Issue.record("not a list: \(list.kind)")
            return
        }
        #expect(!style.ordered)
        #expect(style.tight)
        #expect(!style.parenDelimiter)
        #expect(list.isBulletList)
        #expect(shape(document) == "document(bulletList(item(paragraph(text(a))), item(paragraph(text(b)))))")
        #expect(node(document, 0, 0)?.range == range(1, 1, 1, 3))
        #expect(node(document, 0, 1, 0, 0)?.range == range(2, 3, 2, 3))
    }

    @Test(arguments: ["*", "+", "-"])
    func everyBulletMarkerMakesABulletList(marker: String) {
        let document = MarkdownParser.parse("\(marker) x\n\(marker) y\n")
        #expect(document.children.count == 1)
        #expect(document.children.first?.isBulletList == true)
        #expect(document.children.first?.children.count == 2)
    }

    @Test func changingBulletMarkerStartsANewList() {
        let document = MarkdownParser.parse("- a\n* b\n")
        #expect(document.children.count == 2)
        #expect(document.children.allSatisfy { $0.isBulletList })
    }

    @Test func orderedListKeepsStartAndDelimiter() {
        let document = MarkdownParser.parse("3. x\n4. y\n\n1) p\n")
        #expect(
            document.children.first?.kind == .list(.init(ordered: true, start: 3, tight: true, parenDelimiter: false)))
        #expect(
            document.children.last?.kind == .list(.init(ordered: true, start: 1, tight: true, parenDelimiter: true)))
        #expect(document.children.first?.isBulletList == false)
        #expect(document.children.first?.children.count == 2)
        #expect(node(document, 0, 1, 0, 0)?.kind == .text("y"))
        #expect(node(document, 0, 1, 0, 0)?.range == range(2, 4, 2, 4))
    }

    @Test func orderedListStartingAtZeroOrLargeNumber() {
        #expect(MarkdownParser.parse("0. a\n").children.first?.kind == .list(.init(ordered: true, start: 0)))
        #expect(
            MarkdownParser.parse("123456789. a\n").children.first?.kind == .list(.init(ordered: true, start: 123_456_789)))
    }

    @Test func looseListIsNotTight() {
        let document = MarkdownParser.parse("- l\n\n- m\n")
        guard case .list(let style) = document.children.first?.kind else {
            Issue.record("not a list")
            return
        }
        #expect(!style.tight)
        #expect(!style.ordered)
        // Items of loose lists hold paragraphs too.
        #expect(shape(document) == "document(bulletList(item(paragraph(text(l))), item(paragraph(text(m)))))")
    }

    @Test func nestedLists() {
        let document = MarkdownParser.parse("- a\n  - b\n    1. c\n- d\n")
        #expect(
            shape(document)
                == "document(bulletList(item(paragraph(text(a)), bulletList(item(paragraph(text(b)), "
                + "orderedList(item(paragraph(text(c))))))), item(paragraph(text(d)))))")
        #expect(node(document, 0, 0, 1, 0)?.range.startLine == 2)
        #expect(node(document, 0, 0, 1, 0)?.range.startColumn == 3)
        #expect(node(document, 0, 0, 1, 0, 1, 0, 0, 0)?.range == range(3, 8, 3, 8))
        #expect(node(document, 0, 1, 0, 0)?.range == range(4, 3, 4, 3))
    }

    @Test func emptyContainersKeepTheirPlaceInTheTree() {
        // Containers without children must still be closed, so later siblings stay siblings.
        let document = MarkdownParser.parse("#\n\n[](u) after\n\n>\n\npara\n")
        #expect(
            shape(document) == "document(h1, paragraph(link, text( after)), blockQuote, paragraph(text(para)))")
        #expect(node(document, 1, 0)?.kind == .link(destination: "u", title: ""))
        #expect(node(document, 3)?.range.startLine == 7)
    }

    @Test func emptyListItem() {
        let document = MarkdownParser.parse("- a\n-\n- c\n")
        #expect(shape(document) == "document(bulletList(item(paragraph(text(a))), item, item(paragraph(text(c)))))")
    }

    // MARK: - Block quotes, breaks

    @Test func blockQuoteAndThematicBreak() {
        let document = MarkdownParser.parse("> quoted\n> more\n\n***\n")
        #expect(shape(document) == "document(blockQuote(paragraph(text(quoted), softBreak, text(more))), thematicBreak)")
        #expect(node(document, 0)?.range == range(1, 1, 2, 6))
        #expect(node(document, 0, 0, 2)?.range == range(2, 3, 2, 6))
        #expect(node(document, 1)?.range.startLine == 4)
    }

    @Test func hardAndSoftBreaks() {
        let document = MarkdownParser.parse("a  \nb\\\nc\nd\n")
        #expect(shape(document) == "document(paragraph(text(a), lineBreak, text(b), lineBreak, text(c), softBreak, text(d)))")
    }

    // MARK: - Code

    @Test func codeSpans() {
        let document = MarkdownParser.parse("x `y` z `` a ` b `` ```c```\n")
        let codes = document.children.first?.children.compactMap { child -> String? in
            if case .code(let literal) = child.kind { return literal }
            return nil
        }
        #expect(codes == ["y", "a ` b", "c"])
        #expect(node(document, 0, 0)?.kind == .text("x "))
        #expect(node(document, 0, 2)?.kind == .text(" z "))
    }

    @Test func codeSpanKeepsBracketsAndBackslashesLiterally() {
        let document = MarkdownParser.parse("`[THR-1] \\*`\n")
        #expect(shape(document) == "document(paragraph(code([THR-1] \\*)))")
    }

    @Test func fencedCodeBlockInfoAndLiteral() {
        let document = MarkdownParser.parse("```swift title=x\nlet x = 1\n\n  indented()\n```\n")
        #expect(document.children.first?.kind == .codeBlock(info: "swift title=x", literal: "let x = 1\n\n  indented()\n"))
        #expect(document.children.first?.range == range(1, 1, 5, 3))
        #expect(document.children.first?.children.isEmpty == true)
    }

    @Test func tildeFenceAndEmptyCodeBlock() {
        let document = MarkdownParser.parse("~~~ text\n# not a heading\n~~~\n\n```\n```\n")
        #expect(document.children.count == 2)
        #expect(document.children.first?.kind == .codeBlock(info: "text", literal: "# not a heading\n"))
        #expect(document.children.last?.kind == .codeBlock(info: "", literal: ""))
    }

    @Test func indentedCodeBlock() {
        let document = MarkdownParser.parse("para\n\n    code line\n      more\n")
        #expect(document.children.count == 2)
        #expect(document.children.last?.kind == .codeBlock(info: "", literal: "code line\n  more\n"))
        #expect(document.children.last?.range.startLine == 3)
        #expect(document.children.last?.range.startColumn == 5)
    }

    @Test func unclosedFenceRunsToTheEnd() {
        let document = MarkdownParser.parse("```js\na\nb\n")
        #expect(document.children.count == 1)
        #expect(document.children.first?.kind == .codeBlock(info: "js", literal: "a\nb\n"))
    }

    // MARK: - Links and images

    @Test func inlineLinkWithTitle() {
        let document = MarkdownParser.parse("[text *em*](/url \"The title\")\n")
        guard let link = node(document, 0, 0) else { return }
        #expect(link.kind == .link(destination: "/url", title: "The title"))
        #expect(shape(link) == "link(text(text ), emphasis(text(em)))")
        #expect(link.range == range(1, 1, 1, 29))
        #expect(node(document, 0, 0, 0)?.range == range(1, 2, 1, 6))
    }

    @Test func linkWithoutTitleAndWithAngleDestination() {
        let document = MarkdownParser.parse("[a](b.md) [c](<my file.md> 'T')\n")
        #expect(node(document, 0, 0)?.kind == .link(destination: "b.md", title: ""))
        #expect(node(document, 0, 2)?.kind == .link(destination: "my file.md", title: "T"))
    }

    @Test func linkDestinationKeepsPercentEncodingAndDecodesEscapes() {
        let document = MarkdownParser.parse("[a](a%20b.md) [b](x\\_y.md) [c](&auml;.md)\n")
        #expect(node(document, 0, 0)?.kind == .link(destination: "a%20b.md", title: ""))
        #expect(node(document, 0, 2)?.kind == .link(destination: "x_y.md", title: ""))
        #expect(node(document, 0, 4)?.kind == .link(destination: "ä.md", title: ""))
    }

    @Test func referenceLinkAndAutolink() {
        let document = MarkdownParser.parse("[r][Ref] <https://x.org>\n\n[ref]: /target 'Ref title'\n")
        #expect(document.children.count == 1)  // the definition is not a node
        #expect(node(document, 0, 0)?.kind == .link(destination: "/target", title: "Ref title"))
        #expect(node(document, 0, 0, 0)?.kind == .text("r"))
        #expect(node(document, 0, 2)?.kind == .link(destination: "https://x.org", title: ""))
        #expect(node(document, 0, 2, 0)?.kind == .text("https://x.org"))
        #expect(node(document, 0, 2)?.range == range(1, 10, 1, 24))
    }

    @Test func bracketedIDWithoutDefinitionIsText() {
        let document = MarkdownParser.parse("[THR-001]\n")
        #expect(shape(document) == "document(paragraph(text([THR-001])))")
    }

    @Test func imageWithTitleAndAltInlines() {
        let document = MarkdownParser.parse("x ![alt *j*](img/p.png \"Pic\")\n")
        guard let image = node(document, 0, 1) else { return }
        #expect(image.kind == .image(destination: "img/p.png", title: "Pic"))
        #expect(shape(image) == "image(text(alt ), emphasis(text(j)))")
        #expect(image.range == range(1, 3, 1, 29))
        #expect(image.plainText() == "alt j")
    }

    // MARK: - HTML

    @Test func inlineHTML() {
        let document = MarkdownParser.parse("a <span class=\"x\">b</span> <!-- c -->\n")
        #expect(
            shape(document)
                == "document(paragraph(text(a ), html(<span class=\"x\">), text(b), html(</span>), text( ), html(<!-- c -->)))")
        #expect(node(document, 0, 1)?.range == range(1, 3, 1, 18))
    }

    @Test func htmlBlock() {
        let document = MarkdownParser.parse("<div>\nhi *there*\n</div>\n\npara\n")
        #expect(document.children.first?.kind == .htmlBlock("<div>\nhi *there*\n</div>\n"))
        #expect(document.children.first?.range == range(1, 1, 3, 6))
        #expect(shape(document.children[1]) == "paragraph(text(para))")
    }

    @Test func htmlCommentBlock() {
        let document = MarkdownParser.parse("<!-- note -->\n")
        #expect(document.children.first?.kind == .htmlBlock("<!-- note -->\n"))
    }

    // MARK: - Emphasis

    @Test func emphasisAndStrong() {
        let document = MarkdownParser.parse("*a* _b_ **c** __d__ ***e***\n")
        #expect(
            shape(document)
                == "document(paragraph(emphasis(text(a)), text( ), emphasis(text(b)), text( ), strong(text(c)), "
                + "text( ), strong(text(d)), text( ), emphasis(strong(text(e)))))")
        #expect(node(document, 0, 4)?.range == range(1, 9, 1, 13))
    }

    @Test func nestedEmphasisInsideStrong() {
        let document = MarkdownParser.parse("**bold *both* bold**\n")
        #expect(shape(document) == "document(paragraph(strong(text(bold ), emphasis(text(both)), text( bold))))")
    }

    @Test func unmatchedDelimitersStayText() {
        let document = MarkdownParser.parse("a * b ** c _\n")
        #expect(shape(document) == "document(paragraph(text(a * b ** c _)))")
    }

    // MARK: - Source ranges

    @Test func rangesUseOneBasedLinesAndColumns() {
        let document = MarkdownParser.parse("first\n\n  second\n")
        #expect(node(document, 0)?.range == range(1, 1, 1, 5))
        #expect(node(document, 1)?.range == range(3, 3, 3, 8))
        #expect(node(document, 1, 0)?.range == range(3, 3, 3, 8))
    }

    @Test func columnsAreUTF8BytesAfterNonASCII() {
        // "# " (2) Ü(2) n(1) ï(2) " "(1) → the emphasis starts at byte 9.
        let document = MarkdownParser.parse("# Ünï *x*\n")
        #expect(node(document, 0, 0)?.kind == .text("Ünï "))
        #expect(node(document, 0, 0)?.range == range(1, 3, 1, 8))
        #expect(node(document, 0, 1)?.range == range(1, 9, 1, 11))
    }

    @Test func columnsAfterFourByteCharactersOnALaterLine() {
        // 𝄞 is 4 bytes, ☃ is 3: "𝄞☃ " is 8 bytes, so the code span's backtick is byte 9.
        let document = MarkdownParser.parse("x\n\n𝄞☃ `c` [l](u)\n")
        guard let paragraph = node(document, 1) else { return }
        #expect(paragraph.range == range(3, 1, 3, 18))
        #expect(paragraph.children.first?.kind == .text("𝄞☃ "))
        #expect(paragraph.children.first?.range == range(3, 1, 3, 8))
        #expect(paragraph.children.last?.kind == .link(destination: "u", title: ""))
        #expect(paragraph.children.last?.range == range(3, 13, 3, 18))
    }

    @Test func rangesInsideBlockQuotesAndListsCountFromLineStart() {
        let document = MarkdownParser.parse("> - é *x*\n")
        guard let emphasis = node(document, 0, 0, 0, 0, 1) else { return }
        #expect(emphasis.kind == .emphasis)
        // "> - " (4) é (2) " " (1): the emphasis starts at byte 8.
        #expect(emphasis.range == range(1, 8, 1, 10))
    }

    @Test func rangeIsKnownFlag() {
        #expect(!SourceRange.unknown.isKnown)
        #expect(range(1, 1, 1, 1).isKnown)
        #expect(MarkdownNode(.paragraph).range == .unknown)
    }

    // MARK: - Merged text

    @Test func adjacentTextNodesAreMerged() {
        let document = MarkdownParser.parse("See [THR-001] and\n")
        #expect(shape(document) == "document(paragraph(text(See [THR-001] and)))")
        #expect(node(document, 0, 0)?.range == range(1, 1, 1, 17))
    }

    @Test func textAroundBracketsEntitiesAndEscapesIsOneNode() {
        let document = MarkdownParser.parse("a [b] c &amp; \\*d\\* [e\n")
        #expect(shape(document) == "document(paragraph(text(a [b] c & *d* [e)))")
        #expect(node(document, 0, 0)?.range == range(1, 1, 1, 22))
    }

    @Test func mergedTextInHeadingsAndBeforeInlines() {
        let document = MarkdownParser.parse("## [THR-1]: [x] *y* [z]\n")
        #expect(shape(document) == "document(h2(text([THR-1]: [x] ), emphasis(text(y)), text( [z])))")
        #expect(node(document, 0, 0)?.range == range(1, 4, 1, 16))
        #expect(node(document, 0, 2)?.range == range(1, 20, 1, 23))
    }

    @Test func textIsNotMergedAcrossBreaksOrInlines() {
        let document = MarkdownParser.parse("[A-1]\n[B-2] `c` [D-3]\n")
        #expect(shape(document) == "document(paragraph(text([A-1]), softBreak, text([B-2] ), code(c), text( [D-3])))")
    }

    @Test func textInsideLinkIsMergedSeparately() {
        let document = MarkdownParser.parse("x [a [b] c](u) y\n")
        #expect(shape(document) == "document(paragraph(text(x ), link(text(a [b] c)), text( y)))")
    }

    // MARK: - Hostile input

    @Test func nulBytesAreReplacedNotTruncated() {
        let document = MarkdownParser.parse("a\u{0}b\n\nafter\u{0}\n")
        #expect(shape(document) == "document(paragraph(text(a\u{FFFD}b)), paragraph(text(after\u{FFFD})))")
        #expect(node(document, 1)?.range.startLine == 3)
    }

    @Test func onlyNulByte() {
        let document = MarkdownParser.parse("\u{0}")
        #expect(shape(document) == "document(paragraph(text(\u{FFFD})))")
    }

    @Test func crlfInputHasTheSamePositionsAsLF() {
        let lf = MarkdownParser.parse("# a\n\nb *c*\nd\n\n- e\n")
        let crlf = MarkdownParser.parse("# a\r\n\r\nb *c*\r\nd\r\n\r\n- e\r\n")
        #expect(shape(crlf) == "document(h1(text(a)), paragraph(text(b ), emphasis(text(c)), softBreak, text(d)), bulletList(item(paragraph(text(e)))))")
        #expect(shape(crlf) == shape(lf))
        #expect(node(crlf, 0)?.range == range(1, 1, 1, 3))
        #expect(node(crlf, 1)?.range == range(3, 1, 4, 1))
        #expect(node(crlf, 1, 1)?.range == range(3, 3, 3, 5))
        #expect(node(crlf, 1, 3)?.range == range(4, 1, 4, 1))
        #expect(node(crlf, 2, 0, 0, 0)?.range == range(6, 3, 6, 3))
        #expect(node(crlf, 1)?.range == node(lf, 1)?.range)
        #expect(node(crlf, 1, 1)?.range == node(lf, 1, 1)?.range)
    }

    @Test func carriageReturnOnlyInputCountsLines() {
        let document = MarkdownParser.parse("# a\r\rb\rc\r")
        #expect(shape(document) == "document(h1(text(a)), paragraph(text(b), softBreak, text(c)))")
        #expect(node(document, 1)?.range.startLine == 3)
    }

    @Test func codeBlockLiteralKeepsLineEndingsNormalised() {
        let document = MarkdownParser.parse("```\r\nx\r\ny\r\n```\r\n")
        #expect(document.children.first?.kind == .codeBlock(info: "", literal: "x\ny\n"))
    }

    @Test func deeplyNestedBlockQuotesDoNotCrash() {
        let document = MarkdownParser.parse(String(repeating: "> ", count: 5_000) + "deep\n")
        let (depth, leaf) = firstChildDepth(document)
        // Block quotes down to the limit, then the rest as a paragraph with the text.
        #expect(depth == MarkdownParser.maximumDepth - 2)
        #expect(leaf.kind == .text("deep"))
        #expect(document.plainText() == "deep")
    }

    @Test func deeplyNestedListsDoNotCrash() {
        let document = MarkdownParser.parse(String(repeating: "- ", count: 2_000) + "x\n")
        let (depth, leaf) = firstChildDepth(document)
        // Each marker opens a list and an item, down to the limit; then the rest as a paragraph with the text.
        #expect(depth >= MarkdownParser.maximumDepth - 3 && depth < MarkdownParser.maximumDepth)
        #expect(leaf.kind == .text("x"))
    }

    /// Found while fuzzing (docs/fuzzing.md): 100,000 nested block quotes made a tree so deep that freeing it
    /// recursively overflowed the stack. Deeper containers now become text, so no path is longer than the limit.
    @Test func nestingBeyondTheLimitIsFlattenedIntoText() {
        let quotes = String(repeating: "> ", count: 1_500)
        for (input, text) in [
            (String(repeating: ">", count: 200_000) + " deep [THR-1]\n", "deep [THR-1]"),
            (String(repeating: "- ", count: 100_000) + "x\n", "x"),
            (String(repeating: "*a _", count: 20_000) + "b" + String(repeating: "_ a*", count: 20_000) + "\n", nil),
            (quotes + "# T\n" + quotes + "```\n" + quotes + "code\n" + quotes + "```\n", "T code"),
        ] as [(String, String?)] {
            let document = MarkdownParser.parse(input)
            let longest = maximumPathLength(document)
            #expect(longest <= MarkdownParser.maximumDepth && longest >= MarkdownParser.maximumDepth - 2)
            if let text {
                let (_, leaf) = firstChildDepth(document)
                #expect(leaf.kind == .text(text))
            }
        }
    }

    @Test func flattenedSubtreeTakesTheShapeItsParentHolds() throws {
        let limit = MarkdownParser.maximumDepth
        // Under a list, the text comes as an item with a paragraph; under an inline, as text alone.
        let list = MarkdownParser.parse(String(repeating: "> ", count: limit - 5) + "- - a\n")
        #expect(maximumPathLength(list) == limit)
        #expect(firstChildDepth(list).leaf.kind == .text("a"))
        var item = list
        for _ in 0..<(limit - 3) { item = try #require(item.children.first) }
        #expect(shape(item) == "item(paragraph(text(a)))")
        let inline = MarkdownParser.parse(
            String(repeating: "*a _", count: limit) + "b" + String(repeating: "_ a*", count: limit) + "\n")
        #expect(maximumPathLength(inline) == limit - 2)
        #expect(inline.plainText() == String(repeating: "a ", count: limit) + "b" + String(repeating: " a", count: limit))
        // Nothing below the limit but empty containers: nothing is added.
        let empty = MarkdownParser.parse(String(repeating: ">", count: limit + 10) + "\n")
        #expect(maximumPathLength(empty) == limit - 3)
    }

    /// The most nodes on a path from `root` down to a leaf, counted without recursion.
    private func maximumPathLength(_ root: MarkdownNode) -> Int {
        var longest = 0
        var pending = [(root, 1)]
        while let (node, depth) = pending.popLast() {
            longest = max(longest, depth)
            pending += node.children.map { ($0, depth + 1) }
        }
        return longest
    }

    @Test func manyUnmatchedOpenersDoNotCrash() {
        let brackets = String(repeating: "[", count: 20_000) + "a" + String(repeating: "]", count: 20_000)
        let document = MarkdownParser.parse(brackets + "\n")
        #expect(shape(document) == "document(paragraph(text(\(brackets))))")
        let stars = MarkdownParser.parse(String(repeating: "*", count: 10_000) + "a\n")
        #expect(stars.plainText() == String(repeating: "*", count: 10_000) + "a")
    }

    // MARK: - Plain text

    @Test func plainTextJoinsSoftBreaksWithSpaces() {
        let paragraph = MarkdownParser.parse("one\ntwo\nthree\n").children[0]
        #expect(paragraph.plainText() == "one two three")
        #expect(paragraph.plainText(softBreak: "\n") == "one\ntwo\nthree")
        #expect(paragraph.plainText(softBreak: "") == "onetwothree")
    }

    @Test func plainTextTreatsHardBreaksLikeSoftBreaks() {
        let paragraph = MarkdownParser.parse("a  \nb\n").children[0]
        #expect(paragraph.plainText() == "a b")
        #expect(paragraph.plainText(softBreak: "|") == "a|b")
    }

    @Test func plainTextIncludesCodeLiterals() {
        let paragraph = MarkdownParser.parse("run `make test` now\n").children[0]
        #expect(paragraph.plainText() == "run make test now")
    }

    /// Raw HTML is kept as written (never silently dropped); Markdown markup is removed.
    @Test func plainTextKeepsHTMLAndDropsMarkup() {
        let paragraph = MarkdownParser.parse("a <b>bold</b> *em* **st** [link](u \"t\") ![alt](p.png)\n").children[0]
        #expect(paragraph.plainText() == "a <b>bold</b> em st link alt")
    }

    @Test func plainTextDecodesEntitiesAndEscapes() {
        let paragraph = MarkdownParser.parse("Fish &amp; chips \\*not em\\* &#x263A;\n").children[0]
        #expect(paragraph.plainText() == "Fish & chips *not em* \u{263A}")
    }

    @Test func plainTextOfHeadingAndCodeBlocks() {
        let document = MarkdownParser.parse("## THR-1: *Spoofed* `id`\n\n```sh\necho hi\n```\n\n<div>x</div>\n")
        #expect(document.children[0].plainText() == "THR-1: Spoofed id")
        #expect(document.children[1].plainText() == "echo hi\n")
        #expect(document.children[2].plainText() == "<div>x</div>\n")
    }

    @Test func plainTextOfListItemsAndQuotes() {
        let document = MarkdownParser.parse("> - a\n>   b\n")
        #expect(document.plainText() == "a b")
    }
}
