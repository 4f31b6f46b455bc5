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
/// for a build in progress. A rebuild re-parses only the files that changed (`BuildCache`) and renders no page:
/// a page is rendered when it is first asked for, and kept until the next build.
public final class PreviewSession: Sendable {
    public let project: URL
    public let templates: URL?
    private let renderer: PackageRenderer
    private let cache = BuildCache()

    private struct State {
        var version = 0
        var diagnostics: [Diagnostic] = []
        var failed = false
        /// The last good package.
        var package: PreparedPackage?
        /// Counts the packages built, so a page rendered from one is not kept for the next.
        var generation = 0
        /// Its files rendered so far: package-relative path -> contents.
        var rendered: [String: Data] = [:]
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
    public var hasPackage: Bool { state.withLock { $0.package != nil } }

    /// A file of the last good package, by its package-relative path (`html/index.html`); rendered on the first
    /// request after a build (outside the lock, so other requests go on meanwhile).
    public func file(_ path: String) -> Data? {
        let (package, generation, rendered) = state.withLock { ($0.package, $0.generation, $0.rendered[path]) }
        if let rendered { return rendered }
        guard let package, let data = package.file(path) else { return nil }
        state.withLock { state in
            // Kept only if no other package was built meanwhile.
            if state.generation == generation { state.rendered[path] = data }
        }
        return data
    }

    /// Builds the package; always counts as a new build.
    public func build() {
        build(fingerprint: Self.fingerprint(of: project, templates: templates))
    }

    /// Builds from the inputs `fingerprint` describes (taken just before, so an edit during the build is
    /// noticed by the next check).
    private func build(fingerprint: String) {
        let (outcome, package) = PackageBuild(project: project, templates: templates, renderer: renderer, cache: cache).prepare()
        state.withLock { state in
            state.fingerprint = fingerprint
            state.diagnostics = outcome.diagnostics
            state.failed = package == nil
            if let package {
                state.package = package
                state.generation += 1
                state.rendered = [:]
            }
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

    /// Path, size and modification time (to the nanosecond) of every file the build may read: hidden files,
    /// `submission/`, folders starting with `_` and generated packages are not inputs. Taken every 100 ms, so it
    /// asks the file system directly (`stat` per entry) rather than through Foundation's URL resource values.
    static func fingerprint(of project: URL, templates: URL?) -> String {
        var entries: [String] = []
        for root in [project] + (templates.map { [$0] } ?? []) {
            collect(root.standardizedFileURL.path, into: &entries)
        }
        return entries.sorted().joined(separator: "\n")
    }

    private static func collect(_ folder: String, into entries: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard !name.hasPrefix(".") else { continue }
            let path = folder + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                if name != ProjectLoader.defaultOutputFolder && !name.hasPrefix("_")
                    && access(path + "/" + PackageRenderer.manifestFile, F_OK) != 0
                {
                    folders.append(path)
                }
                continue
            }
            // A symbolic link counts by what it points to.
            if (status.st_mode & S_IFMT) == S_IFLNK { _ = stat(path, &status) }
            entries.append("\(path)|\(status.st_size)|\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)")
        }
        for path in folders { collect(path, into: &entries) }
    }
}
