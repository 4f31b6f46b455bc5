import Foundation
import SubgenCore
import SubgenPackage
import Synchronization

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

    /// The whole package in memory, with its hash manifest.
    public func package() -> RenderedPackage {
        let made = Mutex<[(path: String, data: Data)]>([])
        // Nothing to fail here: only `PackageWriter`'s sink throws.
        let digests = (try? make { path, data in made.withLock { $0.append((path, data)) } }) ?? []
        var files = made.withLock { $0 }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        files.append((PackageRenderer.manifestFile, Self.manifest(digests)))
        return RenderedPackage(files: files)
    }

    /// Makes every file of the package but the hash manifest and hands each to `sink` as soon as it is made, so
    /// that a large package is never held in memory as a whole. The two page trees and the merged SBOM are
    /// independent and made at the same time, so `sink` is called from several threads. Returns the path and
    /// SHA-256 of every file, for the manifest; stops at the first error `sink` throws.
    func make(_ sink: @escaping @Sendable (String, Data) throws -> Void) throws -> [(path: String, sha256: String)] {
        @Sendable func emit(_ path: String, _ data: Data) throws -> (path: String, sha256: String) {
            try sink(path, data)
            return (path, PackageRenderer.sha256(data))
        }
        var digests = try files.map { try emit($0.key, $0.value) }
        let formats = OutputFormat.allCases
        let parts = Array(0...formats.count).concurrentMap { index -> Result<[(path: String, sha256: String)], Error> in
            Result {
                guard index < formats.count else { return [try emit(MergedSBOM.path, MergedSBOM.encode(analysis))] }
                let format = formats[index]
                let render = pageRenderer(format)
                let builder = builder(format)
                return try builder.pageFiles.compactMap { file in
                    try builder.page(file: file).map { try emit("\(format.folder)/\(file)", render($0)) }
                }
            }
        }
        for part in parts { digests += try part.get() }
        return digests
    }

    /// `sha256sum`'s listing of the files, sorted by path.
    static func manifest(_ digests: [(path: String, sha256: String)]) -> Data {
        let sorted = digests.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return Data(sorted.map { "\($0.sha256)  \($0.path)\n" }.joined().utf8)
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
