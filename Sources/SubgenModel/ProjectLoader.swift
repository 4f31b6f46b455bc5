import Foundation
import SubgenCore
import SubgenMarkdown

/// The outcome of loading a project: the model (nil when there is no project folder) and every diagnostic.
public struct LoadResult: Sendable {
    public var project: Project?
    public var diagnostics: DiagnosticLog
}

/// Loads a project folder into a checked, cross-referenced `Project`.
///
/// Steps: manifest and custom prefixes, file discovery, per-file parsing and field validation,
/// duplicate IDs, reference resolution and backlinks. Every problem is collected; nothing stops early.
public struct ProjectLoader: Sendable {
    /// Folders (project-relative) never read as input, such as the package output folder.
    public var excludedFolders: Set<String>
    /// Parses kept from an earlier load, used for files that have not changed since.
    public var cache: ParseCache?

    public static let defaultOutputFolder = "submission"

    public init(excludedFolders: Set<String> = [ProjectLoader.defaultOutputFolder], cache: ParseCache? = nil) {
        self.excludedFolders = excludedFolders
        self.cache = cache
    }

    public func load(_ root: URL) -> LoadResult {
        var log = DiagnosticLog()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            log.error("project-not-found", "project folder does not exist", at: SourceLocation(file: ""))
            return LoadResult(project: nil, diagnostics: log)
        }
        guard isDirectory.boolValue else {
            log.error(
                "project-not-a-folder", "this is a file; give the project folder (the one holding subgen.md)",
                at: SourceLocation(file: ""))
            return LoadResult(project: nil, diagnostics: log)
        }
        let root = root.standardizedFileURL
        let attachments = AttachmentResolver(root: root)

        // The manifest first: its `ID prefixes` decide which headings are records everywhere.
        let manifestReader = ManifestReader()
        var manifestFile: ParsedFile?
        let parser: SourceFileParser
        if let bytes = readBytes(root.appendingPathComponent(Manifest.fileName), path: Manifest.fileName, log: &log) {
            (parser, manifestFile) = manifestReader.parse(bytes, attachments: attachments, log: &log)
        } else {
            parser = SourceFileParser(prefixes: PrefixTable(), attachments: attachments)
        }
        let prefixes = parser.prefixes

        let paths = ProjectDiscovery(root: root, excluded: excludedFolders).markdownFiles(log: &log)
            .filter { $0 != Manifest.fileName }
        var parsed: [ParsedFile] = manifestFile.map { [$0] } ?? []
        // Files are independent: parse them on every core, then take the results in path order.
        let outcomes = paths.concurrentMap { path -> (file: ParsedFile?, problem: Diagnostic?) in
            let (bytes, problem) = readFile(root.appendingPathComponent(path), path: path)
            guard let bytes else { return (nil, problem) }
            if let kept = cache?.file(path, bytes: bytes, prefixes: parser.prefixes, attachments: attachments) { return (kept, problem) }
            var file = parser.parse(path: path, bytes: bytes)
            // Only the manifest's source is read again (for its fields); the others' can go now.
            file.source = SourceText("")
            cache?.keep(file, bytes: bytes, prefixes: parser.prefixes)
            return (file, problem)
        }
        cache?.retain(only: Set(paths))
        for outcome in outcomes {
            if let problem = outcome.problem { log.append(problem) }
            if let file = outcome.file { parsed.append(file) }
        }

        var manifest = Manifest(
            title: "", location: SourceLocation(file: Manifest.fileName), fields: [], narrative: [], customPrefixes: [:])
        if let manifestFile {
            manifest = manifestReader.manifest(from: manifestFile, parser: parser, log: &log)
        } else if !log.diagnostics.contains(where: { $0.location.file == Manifest.fileName }) {
            log.error(
                "manifest-not-found",
                "no manifest: create subgen.md in the project folder, starting with '# <package title>' "
                    + "and the fields Device, Manufacturer, Submission type and Cyber device",
                at: SourceLocation(file: Manifest.fileName))
        }

        var records: [Record] = []
        var pages: [Page] = []
        for file in parsed.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            log.append(contentsOf: file.diagnostics.diagnostics)
            records += file.records
            if let page = file.page { pages.append(page) }
        }

        var index: [String: Int] = [:]
        for (position, record) in records.enumerated() {
            if let first = index[record.id] {
                let original = records[first].location
                log.error(
                    "duplicate-id",
                    "duplicate ID \(DiagnosticText.quote(record.id)); it is already defined at \(original.file):\(original.line):\(original.column)",
                    at: record.location)
            } else {
                index[record.id] = position
            }
        }

        let backlinks = ReferenceResolver(records: records, index: index).resolve(pages: pages, log: &log)
        let project = Project(
            manifest: manifest, prefixes: prefixes, files: ([manifestFile?.path].compactMap { $0 } + paths).sorted {
                $0.utf8.lexicographicallyPrecedes($1.utf8)
            },
            records: records, pages: pages, index: index, backlinks: backlinks)
        return LoadResult(project: project, diagnostics: log)
    }

    /// The file's bytes; nil when it does not exist (silently: a missing manifest is reported by the caller)
    /// or cannot be read (with a diagnostic).
    private func readBytes(_ url: URL, path: String, log: inout DiagnosticLog) -> [UInt8]? {
        let (bytes, problem) = readFile(url, path: path)
        if let problem { log.append(problem) }
        return bytes
    }

    /// `readBytes` without a log: the bytes, or the diagnostic of a file that cannot be read; nothing for a file
    /// that is not there.
    private func readFile(_ url: URL, path: String) -> (bytes: [UInt8]?, problem: Diagnostic?) {
        switch ProjectFileReader.read(url.path) {
        case .bytes(let bytes): return (bytes, nil)
        case .missing: return (nil, nil)
        case .unreadable(let reason):
            return (nil, .error("unreadable-file", "cannot read file: \(reason)", at: SourceLocation(file: path)))
        }
    }
}
