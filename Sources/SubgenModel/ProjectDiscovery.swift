import Foundation
import SubgenCore

/// Finds the project's Markdown files: every `*.md` below the root, except names starting with `.` or `_`,
/// the excluded (output) folders and any folder holding a generated package (a `MANIFEST.sha256` file). Symbolic links are followed only when they stay inside the project,
/// and every real file or folder is visited once, so link loops end.
struct ProjectDiscovery {
    let root: URL
    let excluded: Set<String>

    /// The hash list every generated package has at its root.
    static let packageMarker = "MANIFEST.sha256"

    /// Project-relative paths in byte order, whatever order the file system lists them in.
    func markdownFiles(log: inout DiagnosticLog) -> [String] {
        let realRoot = AttachmentResolver.realPath(root.path) ?? root.path
        var visited: Set<String> = [realRoot]
        var files: [String] = []
        var pending: [String] = [""]
        let manager = FileManager.default
        while let directory = pending.popLast() {
            let absolute = directory.isEmpty ? root.path : root.path + "/" + directory
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: absolute).sorted()
            } catch {
                log.error(
                    "unreadable-folder", "cannot read folder: \(Self.whyUnreadable(folder: absolute) ?? error.localizedDescription)",
                    at: SourceLocation(file: directory))
                continue
            }
            for name in names {
                guard !name.hasPrefix("."), !name.hasPrefix("_") else { continue }
                let relative = directory.isEmpty ? name : directory + "/" + name
                guard !excluded.contains(relative) else { continue }
                let path = root.path + "/" + relative
                guard let real = AttachmentResolver.realPath(path) else {
                    guard name.hasSuffix(".md") else { continue }
                    if Self.isLinkLoop(path) {
                        log.warning(
                            "symlink-loop", "symbolic link leads back to itself (a loop of links); skipped",
                            at: SourceLocation(file: relative))
                    } else {
                        log.warning(
                            "broken-symlink", "symbolic link points to nothing; skipped", at: SourceLocation(file: relative))
                    }
                    continue
                }
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: real, isDirectory: &isDirectory) else { continue }
                guard isDirectory.boolValue || name.hasSuffix(".md") else { continue }
                guard real == realRoot || real.hasPrefix(realRoot + "/") else {
                    log.warning(
                        "symlink-outside-project", "symbolic link points outside the project; not followed",
                        at: SourceLocation(file: relative))
                    continue
                }
                if isDirectory.boolValue {
                    // A package written with --output somewhere inside the project is output, not input.
                    if manager.fileExists(atPath: real + "/" + Self.packageMarker) { continue }
                    if visited.insert(real).inserted { pending.append(relative) }
                } else {
                    if visited.insert(real).inserted { files.append(relative) }
                }
            }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The system's reason a folder cannot be listed (`Permission denied`), rather than Foundation's "the operation
    /// could not be completed"; nil when it can be opened after all.
    static func whyUnreadable(folder path: String) -> String? {
        guard let directory = opendir(path) else { return String(cString: strerror(errno)) }
        closedir(directory)
        return nil
    }

    /// Whether following the links at `path` never ends (the system gives up with ELOOP).
    static func isLinkLoop(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) != 0 && errno == ELOOP
    }
}
