import Foundation
import SubgenCore
import SubgenModel

/// A project written to a fresh temporary folder, for tests that load or build projects.
public struct TemporaryProject {
    public let root: URL

    public static let manifest = """
        # Test Package

        - Device: Test Pump
        - Manufacturer: Example Medical, Inc.
        - Submission type: 510(k)
        - Cyber device: yes
        - Date: 2026-11-01

        """

    /// Writes `files` (project-relative path -> content); a `subgen.md` is added unless given or `manifest` is nil.
    public init(_ files: [String: String], manifest: String? = TemporaryProject.manifest) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("subgen-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var files = files
        if let manifest, files[Manifest.fileName] == nil { files[Manifest.fileName] = manifest }
        for (path, content) in files { try write(path, Data(content.utf8)) }
    }

    public func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func symlink(_ path: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent(path).path, withDestinationPath: destination)
    }

    public func load() -> LoadResult {
        ProjectLoader().load(root)
    }

    /// `file:line:column: severity: id` for every diagnostic, in report order.
    public func diagnostics() -> [String] {
        load().diagnostics.sorted().map(Self.describe)
    }

    public static func describe(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        return "\(location.file):\(location.line):\(location.column): \(diagnostic.severity.rawValue): \(diagnostic.id)"
    }

    /// The 1-based line and UTF-8 byte column of the `occurrence`-th `needle` in `text`.
    public static func position(of needle: String, in text: String, occurrence: Int = 1) -> (line: Int, column: Int) {
        var line = 1
        var count = 0
        for content in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var searchStart = content.startIndex
            while let range = content[searchStart...].range(of: needle) {
                count += 1
                if count == occurrence {
                    return (line, content.utf8.distance(from: content.startIndex, to: range.lowerBound) + 1)
                }
                searchStart = range.upperBound
            }
            line += 1
        }
        return (0, 0)
    }

    /// `file:line:column: severity: id` at the given occurrence of `needle` in `text`.
    public static func expect(
        _ file: String, _ needle: String, in text: String, occurrence: Int = 1, offset: Int = 0,
        _ severity: Severity, _ id: String
    ) -> String {
        let (line, column) = position(of: needle, in: text, occurrence: occurrence)
        return "\(file):\(line):\(column + offset): \(severity.rawValue): \(id)"
    }
}
