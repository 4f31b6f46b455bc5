import Foundation
import Mustache
import SubgenCore
import SubgenTemplates

/// The Mustache templates of one output format, parsed once, with template errors as diagnostics.
struct TemplateSet: Sendable {
    let library: MustacheLibrary

    /// The templates every format needs; a missing one is an error.
    static let required = ["page", "overview", "section", "record", "narrative", "table", "fragments", "fragment", "findings", "appendix"]

    /// A folder of templates (`html/`, `markdown/`, `assets/`) and how diagnostics name it.
    struct Layer: Sendable {
        var folder: URL
        var displayName: String
    }

    /// Reads `<folder>/<format>/*.mustache` of every layer; a template in a later layer replaces the one of
    /// the same name in an earlier layer (custom templates over the built-in ones).
    static func load(from layers: [Layer], format: OutputFormat, log: inout DiagnosticLog) -> TemplateSet? {
        _ = MarkdownEscaping.register
        var chosen: [String: Layer] = [:]
        for layer in layers {
            let directory = layer.folder.appendingPathComponent(format.folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasSuffix(".mustache") {
                chosen[name] = layer
            }
        }
        let names = chosen.keys.sorted()
        var library = MustacheLibrary()
        var failed = false
        for name in names {
            let layer = chosen[name]!
            let directory = layer.folder.appendingPathComponent(format.folder)
            let display = "\(layer.displayName)/\(format.folder)/\(name)"
            let templateName = String(name.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                let text = String(data: data, encoding: .utf8)
            else {
                log.error("template-unreadable", "cannot read template as UTF-8 text", at: SourceLocation(file: display))
                failed = true
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: templateName)
            } catch let error as MustacheTemplate.ParserError {
                log.error(
                    "template-syntax", "template syntax error: \(describe(error.error))",
                    at: SourceLocation(file: display, line: error.context.lineNumber, column: max(1, error.context.columnNumber)))
                failed = true
            } catch {
                log.error("template-syntax", "template syntax error: \(error)", at: SourceLocation(file: display))
                failed = true
            }
        }
        for name in required where !names.contains("\(name).mustache") {
            log.error(
                "template-missing", "the \(format.rawValue) templates have no '\(name).mustache'",
                at: SourceLocation(file: "\(layers.last?.displayName ?? "")/\(format.folder)"))
            failed = true
        }
        return failed ? nil : TemplateSet(library: library)
    }

    /// Whether `<folder>/<format>/` holds any template, so that `load` would use a template of `folder`.
    static func hasTemplates(in folder: URL, format: OutputFormat) -> Bool {
        let directory = folder.appendingPathComponent(format.folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).contains { $0.hasSuffix(".mustache") }
    }

    func render(_ page: PageView) -> String {
        library.render(page, withTemplate: "page") ?? ""
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed"
        case .expectedSectionEnd: return "a section is opened but never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }
}
