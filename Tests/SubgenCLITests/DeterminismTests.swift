import Foundation
import Testing

/// The real `subgen` binary builds the same bytes whatever the locale, the time zone, the order in which the
/// project's files were created, and from one run to the next; `check` prints the same report.
@Suite struct DeterminismTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Locales with unusual casing (Turkish dotless i), decimal separators, scripts and calendars, and time zones
    /// far from UTC with odd offsets. Foundation takes its locale data from ICU, so these apply even where the
    /// system has no such locale installed.
    static let environments: [[String: String]] = [
        ["LANG": "C", "LC_ALL": "C", "TZ": "UTC"],
        ["LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8", "TZ": "Pacific/Kiritimati"],
        ["LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "TZ": "America/St_Johns"],
        ["LANG": "ar_SA.UTF-8", "LC_ALL": "ar_SA.UTF-8", "TZ": "Asia/Kathmandu"],
        ["LANG": "ja_JP.UTF-8@calendar=japanese", "LC_ALL": "", "TZ": "Pacific/Chatham"],
    ]

    /// Extra files whose names sort differently by bytes, by locale and by case.
    static let oddlyNamedFiles = [
        "Zeta.md": "## ASSET-901: Zeta\n\n- Type: data\n",
        "alpha.md": "## ASSET-902: alpha\n\n- Type: data\n",
        "ärger.md": "## ASSET-903: Ärger\n\n- Type: data\n",
        "ıi.md": "## ASSET-904: dotless ı and dotted İ\n\n- Type: data\n",
        "10.md": "## ASSET-905: ten\n\n- Type: data\n",
        "9.md": "## ASSET-906: nine\n\n- Type: data\n",
    ]

    /// A copy of a fixture plus `oddlyNamedFiles`, its files created in the given order.
    static func copy(_ fixture: String, order: Int) throws -> URL {
        let source = fixtures.appendingPathComponent(fixture)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-determinism-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var files: [(String, Data)] = try snapshot(source).map { ($0.key, $0.value) }
        files += oddlyNamedFiles.map { ($0.key, Data($0.value.utf8)) }
        files.sort { $0.0 < $1.0 }
        // Each order creates the files differently: sorted, reversed, or interleaved from both ends.
        switch order % 3 {
        case 1: files.reverse()
        case 2: files = files.enumerated().sorted { ($0.offset % 2, $0.offset) < ($1.offset % 2, $1.offset) }.map(\.element)
        default: break
        }
        for (name, data) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return root
    }

    static func run(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = ServeProcessTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    /// Every file under `folder`, by relative path.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test(arguments: ["Complete", "Gaps", "Escaping"])
    func sameBytesInEveryLocaleTimeZoneAndFileOrder(_ fixture: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeProcessTests.binary.path))
        var reference: (package: [String: Data], report: String)?
        for (index, environment) in Self.environments.enumerated() {
            let project = try Self.copy(fixture, order: index)
            defer { try? FileManager.default.removeItem(at: project) }
            let report = try Self.run(["check", "."], in: project, environment: environment)
            _ = try Self.run(["build", "."], in: project, environment: environment)
            let package = try Self.snapshot(project.appendingPathComponent("submission"))
            #expect(package["MANIFEST.sha256"] != nil, "\(environment): no package; \(report)")
            guard let reference else {
                reference = (package, report)
                continue
            }
            #expect(report == reference.report, "\(environment): check report differs")
            #expect(package.keys.sorted() == reference.package.keys.sorted(), "\(environment): file lists differ")
            for (path, data) in package where reference.package[path] != data {
                Issue.record("\(environment): \(path) differs")
            }
            // A second run in the same place writes the same bytes again.
            if index == 1 {
                _ = try Self.run(["build", "."], in: project, environment: environment)
                #expect(try Self.snapshot(project.appendingPathComponent("submission")) == package, "second run differs")
            }
        }
    }
}
