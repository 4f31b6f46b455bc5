import Foundation
import SubgenCore
import SubgenTestSupport
import Testing
@testable import SubgenModel

/// Project folder, discovery rules, encodings and determinism.
@Suite struct ProjectFilesTests {
    static let asset = "## ASSET-001: a\n\n- Type: data\n"

    @Test func projectPathMustBeAFolder() throws {
        let missing = ProjectLoader().load(URL(fileURLWithPath: "/nonexistent/subgen-project"))
        #expect(missing.project == nil)
        #expect(missing.diagnostics.sorted().map(TemporaryProject.describe) == [":1:1: error: project-not-found"])
        let project = try TemporaryProject([:])
        let file = ProjectLoader().load(project.root.appendingPathComponent(Manifest.fileName))
        #expect(file.project == nil)
        #expect(file.diagnostics.sorted().map(TemporaryProject.describe) == [":1:1: error: project-not-a-folder"])
    }

    @Test func discoverySkipsHiddenUnderscoreAndOutputFolders() throws {
        let project = try TemporaryProject([
            "a.md": Self.asset,
            ".hidden.md": "## ASSET-002: x\n",
            "_drafts/b.md": "## ASSET-003: x\n",
            ".git/c.md": "## ASSET-004: x\n",
            "submission/markdown/index.md": "## ASSET-005: x\n",
            "deep/er/d.md": "## ASSET-006: d\n\n- Type: data\n",
            "notes.txt": "## ASSET-007: not markdown\n",
        ])
        let loaded = try #require(project.load().project)
        #expect(loaded.records.map(\.id) == ["ASSET-001", "ASSET-006"])
        #expect(loaded.files == ["a.md", "deep/er/d.md", "subgen.md"])
    }

    @Test func invalidUTF8IsReportedAtTheFirstBadByte() throws {
        let project = try TemporaryProject([:])
        try project.write("bad.md", Data("# Tïtle\n\nok ☃ \u{7F}".utf8) + Data([0xC3, 0x28]) + Data(" more\n".utf8))
        let diagnostics = project.diagnostics()
        #expect(diagnostics == ["bad.md:3:9: error: invalid-utf8"])
    }

    @Test func emptyAndHeadingOnlyFilesContributeNothing() throws {
        let project = try TemporaryProject(["empty.md": "", "heading.md": "# Just a heading\n", "a.md": Self.asset])
        #expect(project.diagnostics() == [
            "empty.md:1:1: warning: file-contributes-nothing",
            "heading.md:1:1: warning: file-contributes-nothing",
        ])
    }

    @Test func symlinksAreFollowedOnlyInsideTheProject() throws {
        let outside = try TemporaryProject(["x.md": "## ASSET-009: outside\n\n- Type: data\n"], manifest: nil)
        let project = try TemporaryProject(["a.md": Self.asset])
        try project.symlink("outside.md", to: outside.root.appendingPathComponent("x.md").path)
        try project.symlink("outdir", to: outside.root.path)
        try project.symlink("again.md", to: "a.md")
        try project.symlink("loop", to: ".")
        try project.symlink("dangling.md", to: "nowhere.md")
        #expect(project.diagnostics() == [
            "dangling.md:1:1: warning: broken-symlink",
            "outdir:1:1: warning: symlink-outside-project",
            "outside.md:1:1: warning: symlink-outside-project",
        ])
        #expect(project.load().project?.records.map(\.id) == ["ASSET-001"])
    }

    @Test func lineEndingsAndBOMDoNotChangePositions() throws {
        let project = try TemporaryProject([:])
        try project.write("crlf.md", Data([0xEF, 0xBB, 0xBF]) + Data("## ASSET-001: a\r\n\r\n- Type: bogus\r\n".utf8))
        try project.write("cr.md", Data("## ASSET-002: b\r\r- Type: bogus\r".utf8))
        #expect(project.diagnostics() == [
            "cr.md:3:9: error: invalid-enum-value",
            "crlf.md:3:9: error: invalid-enum-value",
        ])
    }

    @Test func sameFilesInAnyCreationOrderGiveTheSameModel() throws {
        var files: [String: String] = [:]
        for index in 1...40 {
            files["dir\(index % 4)/f\(index).md"] = """
                ## ASSET-\(index): asset \(index)

                - Type: data

                ## CTRL-\(index): control

                - Category: Cryptography

                ## THR-\(index): threat

                - Assets: ASSET-\(index), ASSET-\(41 - index)
                - Mitigated by: CTRL-\(index), CTRL-\((index % 40) + 1)

                See [CTRL-\(41 - index)].
                """
        }
        let first = try TemporaryProject([:])
        let second = try TemporaryProject([:])
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { try first.write(path, Data(text.utf8)) }
        for (path, text) in files.sorted(by: { $0.key > $1.key }) { try second.write(path, Data(text.utf8)) }
        let a = try #require(first.load().project)
        let b = try #require(second.load().project)
        #expect(ProjectDump.json(a) == ProjectDump.json(b))
        #expect(a.records.count == 120)
        #expect(first.diagnostics() == second.diagnostics())
        #expect(first.diagnostics() == [])
    }
}

/// Files that cannot be read as text: pipes, sockets, folders, link loops, NUL bytes.
@Suite struct UnusualFilesTests {
    @Test func pipesFoldersAndLinkLoopsAreReportedNotRead() throws {
        let project = try TemporaryProject(["a.md": ProjectFilesTests.asset, "folder.md/b.md": "## ASSET-002: b\n\n- Type: data\n"])
        // A pipe: opening it for reading would wait for a writer forever.
        #expect(mkfifo(project.root.appendingPathComponent("pipe.md").path, 0o644) == 0)
        try project.symlink("loop1.md", to: "loop2.md")
        try project.symlink("loop2.md", to: "loop1.md")
        #expect(project.diagnostics() == [
            "loop1.md:1:1: warning: symlink-loop",
            "loop2.md:1:1: warning: symlink-loop",
            "pipe.md:1:1: error: unreadable-file",
        ])
        #expect(ProjectFileReader.read(project.root.appendingPathComponent("pipe.md").path)
            == .unreadable("it is a named pipe (FIFO), not a regular file"))
        #expect(ProjectFileReader.read(project.root.appendingPathComponent("folder.md").path)
            == .unreadable("it is a folder, not a file"))
        #expect(ProjectFileReader.read(project.root.appendingPathComponent("none.md").path) == .missing)
        #expect(project.load().project?.records.map(\.id) == ["ASSET-001", "ASSET-002"])
    }

    @Test func nulBytesAreErrorsAtTheFirstOne() throws {
        let project = try TemporaryProject([:])
        try project.write("nul.md", Data("## ASSET-001: a\n\n- Type: da\0ta\0\n".utf8))
        // A file saved as UTF-16 is valid UTF-8 when it is ASCII, with a NUL after every character.
        try project.write("utf16.md", Data("# Notes\n".utf8.flatMap { [$0, 0] }))
        #expect(project.diagnostics() == [
            "nul.md:3:9: error: invalid-enum-value",
            "nul.md:3:11: error: nul-byte",
            "utf16.md:1:1: warning: file-contributes-nothing",
            "utf16.md:1:2: error: nul-byte",
        ])
    }
}
