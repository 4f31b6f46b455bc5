import Foundation
import SubgenCore
import SubgenModel
import SubgenRender

/// One project being previewed: builds its package into a private folder, rebuilds when a record, an
/// attachment or a template changes, and remembers the diagnostics of the last build. While the project has
/// errors, the last good package stays in place.
public actor PreviewSession {
    public let project: URL
    public let templates: URL?
    /// The package being served (inside a private temporary folder).
    public let package: URL
    private let renderer: PackageRenderer
    /// Bumped after every build, so pages know when to reload.
    public private(set) var version = 0
    /// Diagnostics of the last build, and whether it failed.
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var failed = false
    private var fingerprint = ""

    public init(project: URL, templates: URL? = nil, renderer: PackageRenderer = PackageRenderer()) throws {
        self.project = project.standardizedFileURL
        self.templates = templates
        self.renderer = renderer
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        package = folder.appendingPathComponent("submission")
    }

    /// Builds the package; returns whether this build is new (always, the first time).
    @discardableResult
    public func build() -> Bool {
        fingerprint = Self.fingerprint(of: project, templates: templates)
        let outcome = PackageBuild(project: project, output: package, templates: templates, renderer: renderer).build()
        diagnostics = outcome.diagnostics
        failed = outcome.written == nil
        version += 1
        return true
    }

    /// Rebuilds if any input changed since the last build.
    @discardableResult
    public func rebuildIfChanged() -> Bool {
        guard Self.fingerprint(of: project, templates: templates) != fingerprint else { return false }
        return build()
    }

    /// Removes the private folder.
    public func close() {
        try? FileManager.default.removeItem(at: package.deletingLastPathComponent())
    }

    /// Path, size and modification time of every file the build may read (hidden files, `submission/` and
    /// generated packages are not inputs).
    static func fingerprint(of project: URL, templates: URL?) -> String {
        var entries: [String] = []
        for root in [project] + (templates.map { [$0] } ?? []) {
            guard let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey, .isDirectoryKey],
                options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in enumerator {
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey, .isDirectoryKey])
                if values?.isDirectory == true {
                    let name = url.lastPathComponent
                    if name == ProjectLoader.defaultOutputFolder || name.hasPrefix("_")
                        || FileManager.default.fileExists(atPath: url.appendingPathComponent("MANIFEST.sha256").path)
                    {
                        enumerator.skipDescendants()
                    }
                    continue
                }
                let time = values?.contentModificationDate?.timeIntervalSince1970 ?? 0
                entries.append("\(url.path)|\(values?.fileSize ?? -1)|\(time)")
            }
        }
        return entries.sorted().joined(separator: "\n")
    }
}
