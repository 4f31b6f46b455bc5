import Foundation
import SubgenMarkdown
import SubgenRender
import SubgenTestSupport
import Testing

/// The Escaping fixture puts script tags, event handlers, dangerous URLs and template syntax in titles, fields,
/// narrative and file names; nothing of it may reach the output as markup.
@Suite struct OutputSafetyTests {
    static let package = Result { try PackageGoldenTests.render(PackageGoldenTests.tests.appendingPathComponent("Fixtures/Escaping")) }

    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "link", "body", "header", "nav", "main", "footer", "section", "article",
        "p", "ul", "ol", "li", "a", "span", "h1", "h2", "h3", "h4", "h5", "h6", "table", "caption", "thead",
        "tbody", "tr", "th", "td", "dl", "dt", "dd", "div", "code", "pre", "em", "strong", "blockquote", "hr", "br",
        // Architecture diagrams: Graphviz's SVG, cleaned.
        "figure", "figcaption", "svg", "g", "path", "polygon", "polyline", "ellipse", "text",
    ]
    static let allowedAttributes: Set<String> = [
        "lang", "charset", "name", "content", "rel", "href", "class", "id", "scope", "aria-label",
        "width", "height", "viewbox", "xmlns", "transform", "d", "fill", "stroke", "stroke-dasharray", "points",
        "x", "y", "text-anchor", "font-family", "font-size", "cx", "cy", "rx", "ry",
    ]

    /// Every start tag in `html`: its name and attributes (name, value), scanning markup the way browsers tokenize it.
    static func tags(_ html: String) -> [(name: String, attributes: [(String, String)])] {
        var result: [(String, [(String, String)])] = []
        var scanner = Substring(html)
        while let open = scanner.firstIndex(of: "<") {
            scanner = scanner[scanner.index(after: open)...]
            guard let first = scanner.first, first.isLetter else { continue }
            guard let close = scanner.firstIndex(of: ">") else { break }
            let inside = scanner[..<close]
            scanner = scanner[scanner.index(after: close)...]
            let name = inside.prefix { !$0.isWhitespace && $0 != "/" }.lowercased()
            var attributes: [(String, String)] = []
            var rest = inside.dropFirst(name.count)
            while true {
                rest = rest.drop { $0.isWhitespace || $0 == "/" }
                guard !rest.isEmpty else { break }
                let attribute = rest.prefix { $0 != "=" && !$0.isWhitespace }
                rest = rest.dropFirst(attribute.count)
                var value = ""
                if rest.first == "=" {
                    rest = rest.dropFirst()
                    if let quote = rest.first, quote == "\"" || quote == "'" {
                        let body = rest.dropFirst().prefix { $0 != quote }
                        value = String(body)
                        rest = rest.dropFirst(body.count + 2)
                    } else {
                        let body = rest.prefix { !$0.isWhitespace }
                        value = String(body)
                        rest = rest.dropFirst(body.count)
                    }
                }
                attributes.append((attribute.lowercased(), value))
            }
            result.append((name, attributes))
        }
        return result
    }

    static func isUnsafe(_ url: String) -> Bool {
        let scheme = url.lowercased().filter { !$0.isWhitespace && !$0.isNewline }
        return ["javascript:", "vbscript:", "data:", "file:"].contains { scheme.hasPrefix($0) }
    }

    @Test func htmlHasOnlyKnownTagsAttributesAndSafeLinks() throws {
        let package = try Self.package.get()
        for file in package.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.data, as: UTF8.self)
            for tag in Self.tags(html) {
                #expect(Self.allowedTags.contains(tag.name), "\(file.path): <\(tag.name)>")
                for (name, value) in tag.attributes {
                    #expect(Self.allowedAttributes.contains(name), "\(file.path): <\(tag.name) \(name)>")
                    if name == "href" { #expect(!Self.isUnsafe(value), "\(file.path): href=\(value)") }
                }
            }
            #expect(!html.lowercased().contains("<script"))
            #expect(!html.contains("<!--"), "\(file.path): no comments, raw HTML is shown as code")
        }
    }

    @Test func userTextIsShownEscapedNotDropped() throws {
        let package = try Self.package.get()
        let chapter = String(decoding: try #require(package.file("html/01-risk-management.html")), as: UTF8.self)
        #expect(chapter.contains("&lt;b onmouseover=alert(1)&gt;Bold&lt;/b&gt; &amp; {{pageTitle}}"))
        #expect(chapter.contains("&lt;script&gt;alert(&#39;unknown field&#39;)&lt;/script&gt;"))
        #expect(chapter.contains("<pre><code>&lt;div onclick=&quot;alert(1)&quot;&gt;"))
        let overview = String(decoding: try #require(package.file("html/index.html")), as: UTF8.self)
        #expect(overview.contains("<title>Overview · &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Package {{title}}"))
        #expect(overview.contains("{{#nav}}template syntax{{/nav}} and {{{triple}}} and {{&gt; page}}"))
        #expect(overview.contains("Pump &lt;img src=x onerror=alert(1)&gt;"))
    }

    /// `xss.md` and its evidence files hold a corpus of payloads that call `top.__xss(N)` if they ever run
    /// (scripts/browser-check loads every page in Chromium and fails if one does); none may be dropped either:
    /// each shows as text in both trees, and each unsafe Markdown link keeps its label.
    @Test func everyPayloadOfTheCorpusIsShownAsText() throws {
        let package = try Self.package.get()
        func text(_ folder: String) -> String {
            package.files.filter { $0.path.hasPrefix(folder) }.map { String(decoding: $0.data, as: UTF8.self) }.joined()
        }
        let html = text("html/")
        // Markdown escapes the underscores.
        let markdown = text("markdown/").replacingOccurrences(of: "\\", with: "")
        for number in Array(1...15) + Array(17...30) {
            #expect(html.contains("top.__xss(\(number))"), "payload \(number) is missing from the HTML")
            #expect(markdown.contains("top.__xss(\(number))"), "payload \(number) is missing from the Markdown")
        }
        #expect(html.contains("{{{title}}} {{#nav}}x16{{/nav}} {{&gt; page}} {{=&lt;% %&gt;=}} &lt;%title%&gt;"))
        for number in 101...112 where number != 106 {
            #expect(html.contains("m\(number)"), "the label of link \(number) is missing")
        }
        for number in [201, 202, 203, 204, 205, 206, 301] {
            #expect(html.contains("top.__xss(\(number))"), "view or evidence payload \(number) is missing")
        }
    }

    @Test func narrativeReferencesLinkButCodeAndUnsafeLinksDoNot() throws {
        let package = try Self.package.get()
        let chapter = String(decoding: try #require(package.file("html/01-risk-management.html")), as: UTF8.self)
        #expect(chapter.contains("a reference <a href=\"03-architecture.html#CTRL-001\">CTRL-001</a>"))
        #expect(chapter.contains("<a href=\"https://www.cve.org/CVERecord?id=CVE-2024-3094\">CVE-2024-3094</a>"))
        #expect(chapter.contains("<code>[THR-001]</code>"))
        #expect(chapter.contains("<p>x y z w</p>"))
    }

    @Test func attachmentWithAnOddNameIsCopiedAndLinkedEncoded() throws {
        let package = try Self.package.get()
        #expect(package.file("attachments/evidence/odd name (1) & co.xml") != nil)
        let testing = String(decoding: try #require(package.file("html/04-testing.html")), as: UTF8.self)
        #expect(testing.contains("href=\"../attachments/evidence/odd%20name%20%281%29%20&amp;%20co.xml\""))
    }

    /// The Markdown tree, parsed back by libcmark: no raw HTML but our own anchors, no unsafe link.
    @Test func markdownHasNoRawHTMLOrUnsafeLinks() throws {
        let package = try Self.package.get()
        for file in package.files where file.path.hasSuffix(".md") {
            let document = MarkdownParser.parse(String(decoding: file.data, as: UTF8.self))
            var stack = [document]
            while let node = stack.popLast() {
                stack += node.children
                switch node.kind {
                case .htmlBlock(let html), .htmlInline(let html):
                    let anchor = html.hasPrefix("<a id=\"") && html.hasSuffix("\"></a>\n")
                    let closing = html == "</a>"
                    #expect(anchor || closing || html.hasPrefix("<a id=\""), "\(file.path): raw HTML \(html)")
                case .link(let destination, _), .image(let destination, _):
                    #expect(!Self.isUnsafe(destination), "\(file.path): \(destination)")
                default:
                    break
                }
            }
        }
    }

    @Test func tagScannerFindsHandlersAndSchemes() {
        let tags = Self.tags("<p>x</p><img src=x onerror=alert(1)><a href='javascript:y' class=\"c\">")
        #expect(tags.map(\.name) == ["p", "img", "a"])
        #expect(tags[1].attributes.map(\.0) == ["src", "onerror"])
        #expect(Self.isUnsafe(tags[2].attributes[0].1))
    }
}
