import Foundation
import SubgenMarkdown
import SubgenRender
import Testing

/// Every relative link in both trees points at a file of the package and, with a fragment, at an anchor in it.
@Suite struct LinkIntegrityTests {
    /// Anchors of a page: `id` attributes in HTML; `<a id="...">` lines in Markdown.
    static func anchors(_ text: String, markdown: Bool) -> Set<String> {
        var anchors = Set<String>()
        for tag in OutputSafetyTests.tags(text) {
            for (name, value) in tag.attributes where name == "id" { anchors.insert(value) }
        }
        return anchors
    }

    /// An attribute value as the browser reads it: the entities subgen's escaping writes, decoded.
    static func decodingEntities(_ value: String) -> String {
        value.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func links(_ text: String, markdown: Bool) -> [String] {
        if !markdown {
            return OutputSafetyTests.tags(text).flatMap { $0.attributes.filter { $0.0 == "href" }.map(\.1) }
                .map(Self.decodingEntities)
        }
        var links: [String] = []
        var stack = [MarkdownParser.parse(text)]
        while let node = stack.popLast() {
            stack += node.children
            if case .link(let destination, _) = node.kind { links.append(destination) }
        }
        return links
    }

    @Test(arguments: ["Complete", "Gaps", "Escaping", "SampleProject"])
    func everyInternalLinkResolves(_ name: String) throws {
        let root = name == "SampleProject"
            ? PackageGoldenTests.repository.appendingPathComponent(name)
            : PackageGoldenTests.tests.appendingPathComponent("Fixtures/\(name)")
        let package = try PackageGoldenTests.render(root)
        let files = Dictionary(package.files.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) }) { a, _ in a }
        var checked = 0
        for (path, text) in files where path.hasSuffix(".html") || path.hasSuffix(".md") {
            let markdown = path.hasSuffix(".md")
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            for link in Self.links(text, markdown: markdown) where !link.hasPrefix("https://") {
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let target = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                var resolved = target.isEmpty ? path : (folder.isEmpty ? target : "\(folder)/\(target)")
                if resolved.hasPrefix("html/../") || resolved.hasPrefix("markdown/../") {
                    resolved = String(resolved.drop { $0 != "/" }.dropFirst(4))
                }
                #expect(files[resolved] != nil || package.file(resolved) != nil, "\(path): \(link) -> \(resolved)")
                if parts.count == 2, let page = files[resolved] {
                    #expect(
                        Self.anchors(page, markdown: markdown).contains(String(parts[1])),
                        "\(path): \(link) has no anchor in \(resolved)")
                }
                checked += 1
            }
        }
        #expect(checked > 50)
    }
}
