import Foundation

/// Compares generated files with a checked-in folder of expected output; `SUBGEN_RECORD=1` rewrites the folder.
public enum Golden {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["SUBGEN_RECORD"] == "1" }

    /// The differences between `files` (relative path -> contents) and the folder `expected`, one line each;
    /// empty when they match. When recording, replaces the folder's contents with `files` first.
    public static func compare(_ files: [(path: String, data: Data)], with expected: URL) throws -> [String] {
        let manager = FileManager.default
        if isRecording {
            try? manager.removeItem(at: expected)
            for file in files {
                let url = expected.appendingPathComponent(file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url)
            }
        }
        let actual = Dictionary(files.map { ($0.path, $0.data) }, uniquingKeysWith: { first, _ in first })
        let recorded = Set(try Self.files(under: expected))
        var differences: [String] = []
        for path in recorded.subtracting(actual.keys).sorted() {
            differences.append("\(path): expected but not generated")
        }
        for path in actual.keys.sorted() {
            guard recorded.contains(path) else {
                differences.append("\(path): generated but not expected")
                continue
            }
            let data = try Data(contentsOf: expected.appendingPathComponent(path))
            if data != actual[path] {
                differences.append("\(path): differs \(firstDifference(data, actual[path] ?? Data()))")
            }
        }
        if !differences.isEmpty {
            differences.append("re-record with SUBGEN_RECORD=1 swift test if the change is intended, and review the diff")
        }
        return differences
    }

    /// Every regular file below `folder`, as relative paths.
    public static func files(under folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var paths: [String] = []
        let base = folder.standardizedFileURL.path
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            paths.append(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
        }
        return paths.sorted()
    }

    /// `at line N: expected '...' got '...'`.
    static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let old = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let new = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if old != new { return "at line \(index + 1):\n  expected: \(old.prefix(200))\n  actual:   \(new.prefix(200))" }
        }
        return "(binary content)"
    }
}
