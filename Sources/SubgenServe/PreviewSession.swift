import Foundation
import Synchronization
import SubgenCore
import SubgenModel
import SubgenRender

/// One project being previewed: builds its package in memory, rebuilds when a record, an attachment or a
/// template changes, and remembers the diagnostics of the last build. While the project has errors, the last
/// good package stays served.
///
/// Builds run on the watcher, one at a time; requests read the last finished build under a lock and never wait
/// for a build in progress.
public final class PreviewSession: Sendable {
    public let project: URL
    public let templates: URL?
    private let renderer: PackageRenderer

    private struct State {
        var version = 0
        var diagnostics: [Diagnostic] = []
        var failed = false
        /// The last good package: package-relative path -> contents.
        var files: [String: Data]?
        var fingerprint = ""
    }

    private let state = Mutex(State())

    public init(project: URL, templates: URL? = nil, renderer: PackageRenderer = PackageRenderer()) {
        self.project = project.standardizedFileURL
        self.templates = templates
        self.renderer = renderer
    }

    /// Bumped after every build, so pages know when to reload.
    public var version: Int { state.withLock { $0.version } }
    /// Diagnostics of the last build.
    public var diagnostics: [Diagnostic] { state.withLock { $0.diagnostics } }
    /// The last build failed (the package served, if any, is an earlier one).
    public var failed: Bool { state.withLock { $0.failed } }
    /// No build has succeeded yet.
    public var hasPackage: Bool { state.withLock { $0.files != nil } }

    /// A file of the last good package, by its package-relative path (`html/index.html`).
    public func file(_ path: String) -> Data? {
        state.withLock { $0.files?[path] }
    }

    /// Builds the package; always counts as a new build.
    public func build() {
        build(fingerprint: Self.fingerprint(of: project, templates: templates))
    }

    /// Builds from the inputs `fingerprint` describes (taken just before, so an edit during the build is
    /// noticed by the next check).
    private func build(fingerprint: String) {
        let (outcome, package) = PackageBuild(project: project, templates: templates, renderer: renderer).render()
        let files = package.map { Dictionary($0.files.map { ($0.path, $0.data) }, uniquingKeysWith: { first, _ in first }) }
        state.withLock { state in
            state.fingerprint = fingerprint
            state.diagnostics = outcome.diagnostics
            state.failed = files == nil
            if let files { state.files = files }
            state.version += 1
        }
    }

    /// Rebuilds if any input changed since the last build; returns whether it did.
    @discardableResult
    public func rebuildIfChanged() -> Bool {
        let current = Self.fingerprint(of: project, templates: templates)
        guard current != state.withLock({ $0.fingerprint }) else { return false }
        build(fingerprint: current)
        return true
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
                        || FileManager.default.fileExists(atPath: url.appendingPathComponent(PackageRenderer.manifestFile).path)
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
