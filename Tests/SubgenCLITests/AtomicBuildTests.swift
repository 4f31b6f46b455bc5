import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `subgen build` killed with SIGKILL at random moments, many times: the output folder always holds one whole
/// package, the old one or the new one, never a partial or mixed one.
@Suite struct AtomicBuildTests {
    /// A project large enough that a build takes a while, whose every page names `version`.
    static func writeProject(at root: URL, version: String) throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("# Package \(version)\n\n- Device: D\n- Manufacturer: M\n- Submission type: PMA\n- Cyber device: no\n- Date: 2026-01-01\n".utf8)
            .write(to: root.appendingPathComponent("subgen.md"))
        for file in 0..<3 {
            var text = "# Assets \(file)\n\n"
            for index in 0..<100 {
                let number = file * 100 + index + 1
                text += "## ASSET-\(number): Asset \(number) of \(version)\n\n- Type: data\n\n"
                text += String(repeating: "Narrative about the asset, naming [ASSET-\(max(1, number - 1))]. ", count: 8) + "\n\n"
            }
            try Data(text.utf8).write(to: root.appendingPathComponent("assets-\(file).md"))
        }
    }

    /// Runs `sha256sum --check` on the package's manifest and compares the files it lists with the files present.
    static func problems(in package: URL) throws -> [String] {
        let manifest = package.appendingPathComponent("MANIFEST.sha256")
        guard let listing = try? String(contentsOf: manifest, encoding: .utf8) else { return ["no MANIFEST.sha256"] }
        let listed = Set(listing.split(separator: "\n").map { String($0.dropFirst(66)) })
        var present: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: package.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: package.appendingPathComponent(path).path, isDirectory: &isDirectory),
                !isDirectory.boolValue, path != "MANIFEST.sha256"
            {
                present.insert(path)
            }
        }
        var problems: [String] = []
        if listed != present {
            problems.append("files differ from the manifest: missing \(listed.subtracting(present).sorted().prefix(3)), extra \(present.subtracting(listed).sorted().prefix(3))")
        }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        check.arguments = ["--check", "--quiet", "--strict", "MANIFEST.sha256"]
        check.currentDirectoryURL = package
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        if check.terminationStatus != 0 { problems.append("sha256sum --check failed") }
        return problems
    }

    /// Which version every page of the package names; more than one is a mixed package.
    static func versions(in package: URL) throws -> Set<String> {
        var versions: Set<String> = []
        let html = package.appendingPathComponent("html")
        for name in try FileManager.default.contentsOfDirectory(atPath: html.path) where name.hasSuffix(".html") {
            let page = try String(contentsOf: html.appendingPathComponent(name), encoding: .utf8)
            for version in ["A", "B"] where page.contains("Package \(version)") { versions.insert(version) }
        }
        return versions
    }

    static func build(_ project: URL, output: URL) throws -> Process {
        let process = Process()
        process.executableURL = ServeProcessTests.binary
        process.arguments = ["build", project.path, "--output", output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killedBuildsLeaveTheOldPackageOrTheNewOne() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeProcessTests.binary.path))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let project = root.appendingPathComponent("project")
        let output = root.appendingPathComponent("package")
        try Self.writeProject(at: project, version: "A")

        // A whole build first, timed: kills are spread over that time and a little beyond.
        let start = Date()
        let first = try Self.build(project, output: output)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let duration = Date().timeIntervalSince(start)
        #expect(try Self.problems(in: output) == [])
        #expect(try Self.versions(in: output) == ["A"])

        var generator = SystemRandomNumberGenerator()
        var expected = "A"
        var outcomes: [String: Int] = [:]
        let rounds = 20
        for round in 0..<rounds {
            let next = round % 2 == 0 ? "B" : "A"
            try Self.writeProject(at: project, version: next)
            let process = try Self.build(project, output: output)
            // Spread over the build and a little beyond: round i kills somewhere in the i-th slice of that time.
            let slice = duration * 1.5 / Double(rounds)
            Thread.sleep(forTimeInterval: slice * (Double(round) + Double.random(in: 0..<1, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let problems = try Self.problems(in: output)
            let versions = try Self.versions(in: output)
            #expect(problems == [], "round \(round): \(problems)")
            #expect(versions.count == 1, "round \(round): pages of versions \(versions.sorted())")
            // Either the build finished (the new version) or the package is the last whole one.
            let found = versions.first ?? "?"
            #expect(found == next || found == expected, "round \(round): \(found)")
            outcomes[found == next && found != expected ? "new" : "old", default: 0] += 1
            expected = found
        }
        // Kills landed before the new package was complete (how many landed after depends on the machine's load).
        print("AtomicBuildTests: build \(String(format: "%.2f", duration)) s; \(rounds) kills left \(outcomes["old", default: 0]) old and \(outcomes["new", default: 0]) new packages")
        #expect(outcomes["old", default: 0] > 0)

        // A build left alone afterwards succeeds and leaves no partial folder behind.
        let last = try Self.build(project, output: output)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(try Self.problems(in: output) == [])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [])
    }
}
