import Foundation
import SubgenRender
import Testing

/// Mustache renders a missing variable as nothing, silently; so every name a built-in template uses must be
/// a stored property of a view model (Sources/SubgenRender/ViewModels.swift), and both formats must have
/// the same templates.
@Suite struct TemplateContractTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func properties() throws -> Set<String> {
        let source = try String(
            contentsOf: repository.appendingPathComponent("Sources/SubgenRender/ViewModels.swift"), encoding: .utf8)
        var names = Set<String>()
        for line in source.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("var ") else { continue }
            names.insert(String(trimmed.dropFirst(4).prefix { $0.isLetter || $0.isNumber }))
        }
        return names
    }

    /// Variable and section names used by a template (not partials, comments or pragmas).
    static func names(in template: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            var tag = rest[..<close.lowerBound].drop { $0 == "{" }
            rest = rest[close.upperBound...]
            guard let sigil = tag.first, !">!%=".contains(sigil) else { continue }
            if "#^/&".contains(sigil) { tag = tag.dropFirst() }
            let name = tag.trimmingCharacters(in: .whitespaces)
            // `.` is the current value itself (inside a section over a string).
            if !name.isEmpty && name != "." { names.insert(name) }
        }
        return names
    }

    @Test(arguments: ["html", "markdown"])
    func everyTemplateNameIsAViewModelProperty(_ format: String) throws {
        let properties = try Self.properties()
        let folder = PackageRenderer().templates.appendingPathComponent(format)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for name in Self.names(in: text) {
                #expect(properties.contains(name), "\(format)/\(file) uses '\(name)', which no view model has")
            }
        }
    }

    @Test func bothFormatsHaveTheSameTemplates() throws {
        let templates = PackageRenderer().templates
        let html = try FileManager.default.contentsOfDirectory(atPath: templates.appendingPathComponent("html").path).sorted()
        let markdown = try FileManager.default.contentsOfDirectory(atPath: templates.appendingPathComponent("markdown").path).sorted()
        #expect(html == markdown)
        #expect(FileManager.default.fileExists(atPath: templates.appendingPathComponent("assets/style.css").path))
    }

    @Test func nameScannerSkipsPartialsAndPragmas() {
        #expect(Self.names(in: "{{% CONTENT_TYPE: MARKDOWN}}{{#a}}{{{b}}}{{> c}}{{^d}}{{/a}}{{! note}}{{&e}}") == ["a", "b", "d", "e"])
    }
}
