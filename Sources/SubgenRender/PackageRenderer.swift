import Crypto
import Foundation
import SubgenCore
import SubgenDiagram
import SubgenModel
import SubgenPackage
import SubgenTemplates

/// The whole package in memory: every output file by its path under the package folder.
public struct RenderedPackage: Sendable {
    /// Package-relative path (`html/index.html`, `attachments/...`, `MANIFEST.sha256`) -> contents, sorted by path.
    public var files: [(path: String, data: Data)]

    /// The contents of the file at `path`, if the package has it.
    public func file(_ path: String) -> Data? {
        files.first { $0.path == path }?.data
    }
}

/// Renders a checked project into the HTML and Markdown trees, attachments and the hash manifest.
public struct PackageRenderer: Sendable {
    public static let manifestFile = "MANIFEST.sha256"

    /// Folder holding `html/`, `markdown/` and `assets/`.
    public var templates: URL
    /// How diagnostics name the templates folder.
    public var templatesDisplayName: String
    /// `subgen 0.1.0`, printed in every page.
    public var generator: String
    /// Draws the architecture views; nil when Graphviz is not installed (views are then shown without diagrams).
    public var graphviz: Graphviz?
    /// Custom templates replacing any subset of `templates` (`html/`, `markdown/`, `assets/` by file name).
    public var overrides: URL?
    /// How diagnostics name the custom templates folder.
    public var overridesDisplayName: String = ""

    /// How pages are rendered: `automatic` renders a format whose built-in templates are not customized with
    /// `NativeTemplates` (the same bytes, much faster) and every other format with Mustache; `mustache` always uses
    /// Mustache (the reference; for tests).
    enum Engine: Sendable {
        case automatic
        case mustache
    }

    var engine: Engine = .automatic

    /// Whether `format` is rendered by `NativeTemplates`: the built-in templates, none replaced by a custom one.
    func rendersNatively(_ format: OutputFormat) -> Bool {
        engine == .automatic
            && templates.standardizedFileURL.path == BuiltinTemplates.folder.standardizedFileURL.path
            && !(overrides.map { TemplateSet.hasTemplates(in: $0, format: format) } ?? false)
    }

    /// The template folders, built-in first, custom last.
    var layers: [TemplateSet.Layer] {
        [TemplateSet.Layer(folder: templates, displayName: templatesDisplayName)]
            + (overrides.map { [TemplateSet.Layer(folder: $0, displayName: overridesDisplayName)] } ?? [])
    }

    /// Without `templatesDisplayName`, diagnostics name the templates folder by its absolute path.
    public init(
        templates: URL = BuiltinTemplates.folder, templatesDisplayName: String? = nil,
        generator: String = SubgenVersion.generator, graphviz: Graphviz? = Graphviz.onPath()
    ) {
        self.templates = templates
        self.templatesDisplayName = templatesDisplayName ?? templates.standardizedFileURL.path
        self.generator = generator
        self.graphviz = graphviz
    }

    /// The package, or nil with errors in `log` (bad templates, unreadable attachments).
    public func render(
        _ analysis: PackageAnalysis, projectRoot: URL, cache: BuildCache? = nil, log: inout DiagnosticLog
    ) -> RenderedPackage? {
        prepare(analysis, projectRoot: projectRoot, cache: cache, log: &log)?.package()
    }

    /// What every page needs, made once: attachments read, diagrams drawn, assets and templates loaded. Nil
    /// with errors in `log`; pages themselves add no diagnostics.
    public func prepare(
        _ analysis: PackageAnalysis, projectRoot: URL, cache: BuildCache? = nil, log: inout DiagnosticLog
    ) -> PreparedPackage? {
        var files: [String: Data] = [:]
        let attachments = collectAttachments(analysis.project, root: projectRoot, cache: cache, into: &files, log: &log)
        let diagrams = DiagramRenderer(graphviz: graphviz, cache: cache).render(analysis, log: &log)
        for (id, svg) in diagrams { files[DiagramRenderer.file(ofView: id)] = Data(svg.utf8) }
        copyAssets(into: &files, log: &log)
        var templates: [OutputFormat: TemplateSet] = [:]
        for format in OutputFormat.allCases where !rendersNatively(format) {
            templates[format] = TemplateSet.load(from: layers, format: format, log: &log)
        }
        if log.hasErrors { return nil }
        return PreparedPackage(
            renderer: self, analysis: analysis, attachments: attachments, diagrams: diagrams, files: files, templates: templates)
    }

    /// Lowercase hex SHA-256, as `sha256sum` prints it.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Markdown: at most one blank line in a row outside code fences (templates leave runs of them); both
    /// formats: exactly one final newline. HTML is otherwise left alone, since `<pre>` keeps every space.
    static func tidy(_ text: String, _ format: OutputFormat) -> String {
        var lines: [Substring] = []
        var fence: Substring?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if format == .markdown {
                let trimmed = line.drop { $0 == " " }
                if let open = fence {
                    if trimmed.hasPrefix(open) && trimmed.allSatisfy({ $0 == open.first }) { fence = nil }
                } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                    fence = trimmed.prefix { $0 == trimmed.first }
                } else if line.allSatisfy(\.isWhitespace) {
                    if lines.last?.isEmpty ?? true { continue }
                    lines.append("")
                    continue
                }
            }
            lines.append(line)
        }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    private func collectAttachments(
        _ project: Project, root: URL, cache: BuildCache?, into files: inout [String: Data], log: inout DiagnosticLog
    ) -> [PackagedAttachment] {
        var byPath: [String: (location: SourceLocation, referencedBy: [String])] = [:]
        for record in project.records {
            for field in record.fields {
                guard case .file(let attachment) = field.parsed else { continue }
                var entry = byPath[attachment.path] ?? (attachment.location, [])
                if !entry.referencedBy.contains(record.id) { entry.referencedBy.append(record.id) }
                byPath[attachment.path] = entry
            }
        }
        var result: [PackagedAttachment] = []
        for path in byPath.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let entry = byPath[path]!
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
                log.error("attachment-unreadable", "cannot read the attached file '\(path)'", at: entry.location)
                continue
            }
            files["\(Linker.attachmentsFolder)/\(path)"] = data
            let digest = cache?.sha256(of: data, at: path) ?? Self.sha256(data)
            result.append(PackagedAttachment(path: path, sha256: digest, referencedBy: entry.referencedBy))
        }
        cache?.keepDigests(only: Set(byPath.keys))
        return result
    }

    /// Every asset of every layer into `html/`; a custom asset replaces the built-in one of the same name.
    private func copyAssets(into files: inout [String: Data], log: inout DiagnosticLog) {
        for layer in layers {
            let folder = layer.folder.appendingPathComponent("assets")
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                    log.error("asset-unreadable", "cannot read asset", at: SourceLocation(file: "\(layer.displayName)/assets/\(name)"))
                    continue
                }
                files["\(OutputFormat.html.folder)/\(name)"] = data
            }
        }
    }
}
