import Foundation
import SubgenTemplates

/// Writes the built-in templates and assets to a folder, to start a custom set from, and the starter project.
public enum TemplateExport {
    public enum Failure: Error, CustomStringConvertible {
        /// Files that already exist there; nothing was written.
        case exists([String])
        case write(String)

        public var description: String {
            switch self {
            case .exists(let paths):
                return "refusing to overwrite existing files: " + paths.prefix(5).joined(separator: ", ")
                    + (paths.count > 5 ? " and \(paths.count - 5) more" : "")
            case .write(let message): return message
            }
        }
    }

    /// The relative paths of the built-in set (`html/page.mustache`, `assets/style.css`...), sorted.
    public static func builtinFiles(in folder: URL = BuiltinTemplates.folder) -> [String] {
        var paths: [String] = []
        for sub in ["html", "markdown", "assets"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)) ?? []
            paths += names.filter { !$0.hasPrefix(".") }.map { "\(sub)/\($0)" }
        }
        return paths.sorted()
    }

    /// Copies every built-in file to `destination`, creating it; refuses if any of them exists already.
    @discardableResult
    public static func export(to destination: URL, from folder: URL = BuiltinTemplates.folder) throws(Failure) -> [String] {
        try copy(builtinFiles(in: folder), from: folder, to: destination)
    }

    /// Writes the starter project of `subgen init` to `destination`; refuses if any of its files exists.
    @discardableResult
    public static func createProject(at destination: URL, from folder: URL = BuiltinTemplates.starterProject) throws(Failure) -> [String] {
        var files: [String] = []
        let base = folder.standardizedFileURL.path
        if let enumerator = FileManager.default.enumerator(atPath: base) {
            while let path = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files.append(path)
                }
            }
        }
        return try copy(files.sorted(), from: folder, to: destination)
    }

    /// Copies `files` (relative paths) from `folder` to `destination`, or nothing if any exists there.
    static func copy(_ files: [String], from folder: URL, to destination: URL) throws(Failure) -> [String] {
        let existing = files.filter { FileManager.default.fileExists(atPath: destination.appendingPathComponent($0).path) }
        guard existing.isEmpty else { throw .exists(existing) }
        do {
            for file in files {
                let target = destination.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: folder.appendingPathComponent(file), to: target)
            }
        } catch {
            throw .write("cannot write the templates to \(destination.path): \(error.localizedDescription)")
        }
        return files
    }
}
