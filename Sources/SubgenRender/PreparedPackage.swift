import Foundation
import SubgenCore
import SubgenPackage

/// A checked project with everything its pages need (see `PackageRenderer.prepare`): renders the whole package,
/// or any one of its files on its own (what `subgen serve` does, so that a rebuild costs only the pages that are
/// looked at). A file made on its own has the same bytes as in the whole package.
public struct PreparedPackage: Sendable {
    let renderer: PackageRenderer
    let analysis: PackageAnalysis
    let attachments: [PackagedAttachment]
    /// View record ID -> SVG.
    let diagrams: [String: String]
    /// Attachments, diagrams and assets, by package path.
    let files: [String: Data]
    /// The Mustache templates of the formats not rendered natively.
    let templates: [OutputFormat: TemplateSet]

    /// The whole package, with its hash manifest.
    public func package() -> RenderedPackage {
        var files = self.files
        // The two page trees and the merged SBOM are independent: made at the same time, on as many cores.
        let formats = OutputFormat.allCases
        let parts = Array(0...formats.count).concurrentMap { index -> [String: Data] in
            guard index < formats.count else { return [MergedSBOM.path: MergedSBOM.encode(analysis)] }
            let format = formats[index]
            let render = pageRenderer(format)
            return Dictionary(
                builder(format).pages().map { ("\(format.folder)/\($0.file)", render($0.view)) },
                uniquingKeysWith: { first, _ in first })
        }
        for part in parts { files.merge(part) { first, _ in first } }
        var sorted = files.map { (path: $0.key, data: $0.value) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let manifest = sorted.map { "\(PackageRenderer.sha256($0.data))  \($0.path)\n" }.joined()
        sorted.append((PackageRenderer.manifestFile, Data(manifest.utf8)))
        return RenderedPackage(files: sorted)
    }

    /// One file of the package by its package-relative path (`html/04-testing.html`), made on its own; nil if
    /// the package has no such file. The hash manifest needs every file, so it costs a whole package.
    public func file(_ path: String) -> Data? {
        if let data = files[path] { return data }
        if path == MergedSBOM.path { return MergedSBOM.encode(analysis) }
        if path == PackageRenderer.manifestFile { return package().file(path) }
        for format in OutputFormat.allCases where path.hasPrefix(format.folder + "/") {
            guard let view = builder(format).page(file: String(path.dropFirst(format.folder.count + 1))) else { return nil }
            let render = pageRenderer(format)
            return render(view)
        }
        return nil
    }

    private func builder(_ format: OutputFormat) -> ViewModelBuilder {
        ViewModelBuilder(
            analysis: analysis, format: format, attachments: attachments, diagrams: diagrams, generator: renderer.generator)
    }

    /// Renders pages of `format`: natively for the built-in templates, else with its Mustache templates.
    private func pageRenderer(_ format: OutputFormat) -> (PageView) -> Data {
        if let templates = templates[format] {
            return { Data(PackageRenderer.tidy(templates.render($0), format).utf8) }
        }
        var native = NativeTemplates(format: format)
        return { native.render($0) }
    }
}
