import Foundation
import SubgenMarkdown
import SubgenTestSupport
import Testing
@testable import SubgenModel

/// The examples in docs/record-format.md form one project that checks cleanly.
@Suite struct DocumentationTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/record-format.md")

    /// The ```markdown blocks, found with libcmark.
    static func examples() throws -> [String] {
        let text = try String(contentsOf: document, encoding: .utf8)
        return MarkdownParser.parse(text).children.compactMap { node in
            if case .codeBlock(let info, let literal) = node.kind, info == "markdown" { return literal }
            return nil
        }
    }

    @Test func examplesFormACleanProject() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 6)
        var files: [String: String] = [:]
        for (index, example) in examples.enumerated() {
            files[example.contains("\n## ID prefixes") ? Manifest.fileName : "example-\(index).md"] = example
        }
        #expect(files[Manifest.fileName] != nil)
        let project = try TemporaryProject(files, manifest: nil)
        #expect(project.diagnostics() == [])
        let loaded = try #require(project.load().project)
        #expect(Set(loaded.records.map(\.kind)).isSuperset(of: Set(KindCatalog.all.map(\.name)).subtracting(["sbom"])))
    }
}
