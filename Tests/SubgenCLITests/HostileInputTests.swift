import Foundation
import SubgenTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The hostile-input corpus: one case per class of input that has broken (or could break) a tool like this one,
/// each run through the real `subgen` binary with a deadline and a peak-memory bound. docs/hostile-input.md has
/// the table of classes, expected behaviour, bounds and measurements.
///
/// Serialized: the cases measure time and memory, and the large ones should not compete with each other.
@Suite(.serialized) struct HostileInputTests {
    static let asset = "## ASSET-001: Data\n\n- Type: data\n"

    // MARK: - 1. Deep nesting

    /// 10,000 levels of lists, block quotes, both mixed, emphasis and images, in a field value and in narrative.
    /// Expected: one `nesting-too-deep` error per file where the nesting passes 256 levels, what follows is still
    /// checked, and `build` refuses. (The field value crashed the binary with a stack overflow; narrative lists
    /// 30,000 deep crashed `build` when the trees were freed.)
    @Test func deepNestingIsAnErrorNotACrash() throws {
        let project = try HostileProject()
        defer { project.remove() }
        let levels = 10_000
        try project.write(
            "field.md",
            "## ASSET-001: Deep field value\n\n- Type: data\n- Notes:\n  " + String(repeating: "- ", count: levels)
                + "x\n\nAfter the deep value: [ASSET-404].\n")
        let narrative = "Narrative.\n\n"
        for (name, id, line) in [
            ("lists", "ASSET-002", String(repeating: "- ", count: levels) + "x"),
            ("quotes", "ASSET-003", String(repeating: "> ", count: levels) + "x"),
            ("mixed", "ASSET-004", String(repeating: "- > ", count: levels) + "x"),
            ("emphasis", "ASSET-005", String(repeating: "*a ", count: levels) + "b" + String(repeating: " a*", count: levels)),
        ] {
            try project.write("\(name).md", "## \(id): Deep \(name)\n\n- Type: data\n\n\(narrative)\(line)\n\nAfter: [ASSET-404].\n")
        }
        let check = try project.check()
        check.expectWithinBounds("1. nesting 10,000 levels (check)", megabytes: 200)
        // Depth counts the document as 0; the node at depth 257 is left out and reported:
        // field value: the nested list starts at depth 3 in column 3, each "- " adds a list and an item (2 levels),
        // so the 128th marker (column 257) opens depth 257; narrative lists: the 129th marker, column 257;
        // quotes: the 257th "> ", column 513; "- > " adds three levels in four columns: the item of the 86th group,
        // column 341; emphasis: inlines are reported at the start of their paragraph.
        #expect(check.errorLocations == [
            "emphasis.md:7:1", "emphasis.md:9:9",
            "field.md:5:257", "field.md:7:24",
            "lists.md:7:257", "lists.md:9:9",
            "mixed.md:7:341", "mixed.md:9:9",
            "quotes.md:7:513", "quotes.md:9:9",
        ], "\(check.errors)")
        #expect(check.errors.first?.contains("nested more than 256 levels deep") == true)
        #expect(check.exitStatus == 1)

        let output = project.url("out").path
        let build = try project.build(output: output)
        build.expectWithinBounds("1. nesting 10,000 levels (build)", megabytes: 200)
        #expect(build.exitStatus == 1)
        #expect(build.outcome.output.hasSuffix("the package was not written\n"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    // MARK: - 2. A 50 MB record file

    /// One record whose narrative fills a 50 MB file, with a broken reference on its very last line.
    /// Expected: that one error at its exact line, well within the time bound.
    @Test func fiftyMegabyteRecordFile() throws {
        let project = try HostileProject()
        defer { project.remove() }
        let paragraph = String(repeating: "A line of narrative that goes on and on with plain words, as records do.\n", count: 8) + "\n"
        let chunks = try project.write(
            "r.md", header: Self.asset + "\n", repeating: paragraph, upTo: 50 << 20, footer: "The end refers to [ASSET-404].\n")
        // Four header lines, nine per chunk, then the footer.
        let lastLine = 4 + 9 * chunks + 1
        let check = try project.check()
        check.expectWithinBounds("2. 50 MB record file (check)", megabytes: 800)
        #expect(check.errorLocations == ["r.md:\(lastLine):20"], "\(check.errors)")
        #expect(check.exitStatus == 1)
    }

    // MARK: - 3. A single 10 MB line

    /// A 10 MB narrative line ending in a broken reference, a 10 MB field value and a 10 MB ID.
    /// Expected: exact columns past ten million; messages quote at most 80 characters of the value (they used to
    /// hold the whole 10 MB); the build of a 10 MB line without errors succeeds.
    @Test func tenMegabyteLine() throws {
        let project = try HostileProject()
        defer { project.remove() }
        let words = String(repeating: "word ", count: 2 << 20)
        try project.write("long.md", Self.asset + "\n" + words + "[ASSET-404]\n[ASSET-405]\n")
        try project.write("value.md", "## ASSET-002: Long value\n\n- Type: " + String(repeating: "x", count: 10 << 20) + "\n")
        try project.write("token.md", "## ASSET-003: Long ID\n\n- Type: data\n\nSee [ASSET-" + String(repeating: "1", count: 10 << 20) + "].\n")
        let check = try project.check()
        check.expectWithinBounds("3. 10 MB line (check)", megabytes: 400)
        #expect(check.errorLocations == ["long.md:5:\(words.utf8.count + 2)", "long.md:6:2", "token.md:5:6", "value.md:3:9"], "\(check.errorLocations)")
        #expect(check.errors.allSatisfy { $0.utf8.count < 400 }, "a diagnostic quotes the whole value")
        #expect(check.errors.last?.contains("… (10485760 bytes)' is not a valid value for 'Type'") == true)
        #expect(check.outcome.output.utf8.count < 64 << 10)

        let clean = try HostileProject()
        defer { clean.remove() }
        try clean.write("long.md", Self.asset + "\n" + words + "[ASSET-001]\n")
        let build = try clean.build()
        build.expectWithinBounds("3. 10 MB line (build)", megabytes: 400)
        #expect(build.exitStatus == 0, "\(build.errors)")
        let page = try Data(contentsOf: clean.url("submission/html/01-risk-management.html"))
        #expect(page.count > words.utf8.count)
    }

    // MARK: - 4. 100,000 references in one record

    /// 100,000 narrative references on one line (ten of them broken) and 100,000 in one field.
    /// Expected: every broken one reported at its own column, and one warning for the field's repeats. (Repeats of the same broken ID were all placed at the
    /// first one's column and then merged into one diagnostic.)
    @Test func hundredThousandReferences() throws {
        let project = try HostileProject()
        defer { project.remove() }
        let count = 100_000
        var line = ""
        var expected: [String] = []
        for index in 0..<count {
            let broken = index % 10_000 == 9_999
            line += broken ? "[ASSET-404] " : "[ASSET-001] "
            if broken { expected.append("refs.md:5:\(2 + 12 * index)") }
        }
        let assets = Array(repeating: "ASSET-001", count: count).joined(separator: ", ")
        try project.write(
            "refs.md",
            Self.asset + "\n" + line + "\n\n## CTRL-001: C\n\n- Category: Authentication\n\n## THR-001: Many assets\n\n"
                + "- Assets: \(assets)\n- Mitigated by: CTRL-001\n")
        let check = try project.check()
        check.expectWithinBounds("4. 100,000 references (check)", megabytes: 300)
        #expect(check.errorLocations == expected, "\(check.errorLocations)")
        // The field's 100,000 copies of one ID are one warning.
        let repeats = check.diagnostics.filter { $0.contains("names ASSET-001") }
        #expect(repeats == ["refs.md:13:22: warning: 'Assets' names ASSET-001 100000 times (first at line 13, column 11); "
            + "it counts once: remove the repeats"], "\(repeats)")
    }

    /// 100,000 distinct broken references in one record of a project with 1,000 records of the same prefix.
    /// Expected: 100,000 errors; near IDs are suggested while a budget of comparisons lasts (it took over five
    /// minutes to compare every broken ID with every record).
    @Test func hundredThousandBrokenReferences() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("records.md", (0..<1_000).map { "## ASSET-\($0): A\n\n- Type: data\n\n" }.joined())
        var lines = ""
        for start in stride(from: 1_000, to: 101_000, by: 10) {
            lines += (start..<start + 10).map { "[ASSET-\($0)]" }.joined(separator: " ") + "\n"
        }
        try project.write("broken.md", "## ASSET-X: Broken references\n\n- Type: data\n\n" + lines)
        let check = try project.check()
        check.expectWithinBounds("4. 100,000 broken references (check)", megabytes: 300)
        #expect(check.errors.count == 100_000)
        #expect(check.errors.first == "broken.md:5:2: error: no record with ID 'ASSET-1000'; did you mean 'ASSET-100' or 'ASSET-10' or 'ASSET-101'?")
        #expect(check.errors.last == "broken.md:10004:137: error: no record with ID 'ASSET-100999'")
        // Once the budget is spent, IDs with near records get no suggestions: ASSET-500 exists.
        #expect(check.errors.contains { $0.hasSuffix("error: no record with ID 'ASSET-5000'") })
    }

    // MARK: - 5. Reference cycles

    /// A control and a requirement naming each other, a threat naming itself, and a cycle through 3,000
    /// requirements. Expected: cycles are legal (nothing walks them); a self reference of the wrong kind is an error;
    /// the build completes and each record lists the one before it under "Referenced by".
    @Test func referenceCyclesTerminate() throws {
        let project = try HostileProject()
        defer { project.remove() }
        let count = 3_000
        var text = Self.asset + """

            ## CTRL-001: Control

            - Category: Authentication
            - Requirements: REQ-C0

            ## TEST-001: Test

            - Verifies: REQ-C0
            - Type: Requirement
            - Result: Pass

            ## THR-001: Threat naming itself

            - Assets: ASSET-001
            - Mitigated by: CTRL-001

            See [THR-001].


            """
        for index in 0..<count {
            text += "## REQ-C\(index): Requirement \(index)\n\n- Controls: CTRL-001\n- Verified by: TEST-001\n\n"
            text += "Next: [REQ-C\((index + 1) % count)].\n\n"
        }
        try project.write("cycle.md", text)
        try project.write("self.md", "## THR-002: Wrong self reference\n\n- Assets: THR-002\n- Mitigated by: CTRL-001\n")
        let check = try project.check()
        check.expectWithinBounds("5. cycles (check)", megabytes: 200)
        #expect(check.errorLocations == ["self.md:3:11"], "\(check.errors)")
        #expect(check.errors.first?.contains("THR-002 is a threat; 'Assets' takes asset IDs") == true)

        try FileManager.default.removeItem(at: project.url("self.md"))
        let build = try project.build()
        build.expectWithinBounds("5. cycles (build)", megabytes: 300)
        #expect(build.exitStatus == 0, "\(build.errors)")
        let markdown = try String(contentsOf: project.url("submission/markdown/03-architecture.md"), encoding: .utf8)
        #expect(markdown.contains("REQ-C2999"))
    }

    // MARK: - 6. NUL bytes

    /// NUL bytes in a heading, a field value and narrative, and a file saved as UTF-16 without a byte-order mark
    /// (valid UTF-8, a NUL after every character). Expected: a `nul-byte` error at the first NUL of each file, and
    /// the other diagnostics at their exact columns. (NULs were silently read as U+FFFD.)
    @Test func nulBytesAreReported() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("nul.md", bytes: Array("## ASSET-001: Da\0ta\n\n- Type: bo\0gus\n\nNarr\0ative [ASSET-404]\n".utf8))
        try project.write("utf16.md", bytes: Array("## ASSET-002: x\n".utf8).flatMap { [$0, 0] })
        let check = try project.check()
        check.expectWithinBounds("6. NUL bytes (check)", megabytes: 100)
        #expect(check.errorLocations == ["nul.md:1:17", "nul.md:3:9", "nul.md:5:13", "utf16.md:1:2"], "\(check.errors)")
        try #require(check.errors.count == 4)
        #expect(check.errors[0].contains("NUL byte"))
        #expect(check.errors[1].contains("'bo\u{FFFD}gus' is not a valid value for 'Type'"))
        #expect(check.errors[3].contains("UTF-16"))
    }

    // MARK: - 7. Line endings

    /// CRLF, CR only, and all of them mixed in one file. Expected: the same lines and columns as with LF.
    @Test func mixedLineEndingsKeepPositions() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("crlf.md", "## ASSET-001: a\r\n\r\n- Type: bogus\r\n\r\nSee [ASSET-404] and [ASSET-404].\r\n")
        try project.write("cr.md", "## ASSET-002: b\r\r- Type: bogus\r\rSee [ASSET-405] and [ASSET-405].\r")
        try project.write("mixed.md", "## ASSET-003: c\r\n\n- Type: bogus\r\r\nSee\r[ASSET-406] and\n  [ASSET-407].\r\n")
        let check = try project.check()
        check.expectWithinBounds("7. line endings (check)", megabytes: 100)
        #expect(check.errorLocations == [
            "cr.md:3:9", "cr.md:5:6", "cr.md:5:22",
            "crlf.md:3:9", "crlf.md:5:6", "crlf.md:5:22",
            "mixed.md:3:9", "mixed.md:6:2", "mixed.md:7:4",
        ], "\(check.errors)")
    }

    // MARK: - 8. Byte-order marks

    /// A BOM before a heading, in the manifest, twice at the start, and one inside an ID.
    /// Expected: the first BOM is not text (columns of line 1 start after it); a BOM inside an ID is an invisible
    /// character and reported as such.
    @Test func byteOrderMarks() throws {
        let project = try HostileProject(manifest: nil)
        defer { project.remove() }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        try project.write("subgen.md", bytes: bom + Array(TemporaryProject.manifest.utf8))
        try project.write("one.md", bytes: bom + Array("## ASSET-001!: a\n\n- Type: bogus\n".utf8))
        try project.write("two.md", bytes: bom + bom + Array("## ASSET-002: b\n\n- Type: data\n".utf8))
        try project.write("inside.md", "## ASSET-0\u{FEFF}03: c\n\n- Type: data\n")
        let check = try project.check()
        check.expectWithinBounds("8. BOM (check)", megabytes: 100)
        #expect(check.errorLocations == ["inside.md:1:11"], "\(check.errors)")
        #expect(check.errors.first?.contains("<U+FEFF>") == true)
        #expect(check.diagnostics.contains { $0.hasPrefix("one.md:1:4: warning: heading starts with the ID 'ASSET-001' but '!'") })
        #expect(check.diagnostics.contains { $0.hasPrefix("two.md") } == false, "\(check.diagnostics)")
        #expect(!check.diagnostics.contains { $0.hasPrefix("subgen.md:") && $0.contains("manifest") })
    }

    // MARK: - 9. Invisible and right-to-left characters in IDs

    /// Zero-width spaces and joiners and a right-to-left override inside IDs: in headings, a field and narrative.
    /// Expected: a `lookalike-id` error at the exact column of the character (records vanished as plain headings,
    /// references as plain text), and no raw invisible character in the printed diagnostics.
    @Test func invisibleCharactersInIDs() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write(
            "r.md",
            """
            ## THR-0\u{200B}01: Zero width space

            ## ASSET-001: A

            - Type: data

            ## CTRL-001: C

            - Category: Authentication

            ## THR-002: T

            - Assets: ASSET-0\u{200B}01
            - Mitigated by: CTRL-001

            See [ASSET-\u{202E}001] and [ASSET-001\u{200D}].

            ## ASSET-\u{202E}100: Right-to-left override

            ## \u{200B}ASSET-002: Leading zero width space

            """)
        let check = try project.check()
        check.expectWithinBounds("9. invisible characters (check)", megabytes: 100)
        #expect(check.errorLocations == ["r.md:1:9", "r.md:13:18", "r.md:16:12", "r.md:16:34", "r.md:18:10", "r.md:20:4"], "\(check.errors)")
        #expect(check.errors.allSatisfy { $0.contains(": error: ") && $0.contains("looks like the ID") })
        try #require(check.errors.count == 6)
        #expect(check.errors[0].contains("'THR-0<U+200B>01' looks like the ID THR-001 but has the invisible U+200B ZERO WIDTH SPACE here"))
        let invisible: [Unicode.Scalar] = ["\u{200B}", "\u{200D}", "\u{202E}"]
        #expect(!check.outcome.output.unicodeScalars.contains { invisible.contains($0) })
    }

    // MARK: - 10. Lookalike IDs

    /// IDs that differ from real ones only by a Cyrillic or Greek letter, fullwidth digits or the letter O.
    /// Expected: never the same record as the real ID, never a silent plain heading or plain text: `lookalike-id`
    /// at the odd character, or an unresolved reference with the real ID suggested.
    @Test func lookalikeIDsAreNeverMerged() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write(
            "r.md",
            """
            ## ASSET-001: Latin

            - Type: data

            ## ASSET-００１: Fullwidth digits

            - Type: data

            ## ТHR-001: Cyrillic T

            - Assets: ASSET-001
            - Mitigated by: CTRL-001

            ## THR-001: Latin T

            - Assets: ASSET-００１, ASSET-001
            - Mitigated by: CTRL-001

            ## CTRL-001: C

            - Category: Authentication

            See [ТHR-001], [ΑSSET-001] and [ASSET-OO1].

            """)
        let check = try project.check()
        check.expectWithinBounds("10. lookalikes (check)", megabytes: 100)
        #expect(check.errorLocations == ["r.md:5:10", "r.md:9:4", "r.md:16:17", "r.md:23:6", "r.md:23:18", "r.md:23:35"], "\(check.errors)")
        try #require(check.errors.count == 6)
        #expect(check.errors[1].contains("U+0422 CYRILLIC CAPITAL LETTER TE"))
        #expect(check.errors[4].contains("U+0391 GREEK CAPITAL LETTER ALPHA"))
        #expect(check.errors[5].contains("no record with ID 'ASSET-OO1'; did you mean 'ASSET-001'?"))
        #expect(!check.diagnostics.contains { $0.contains("duplicate") })
        #expect(check.outcome.output.contains("(3 records, 0 pages in 2 files)"))
    }

    // MARK: - 11. Symbolic link loops

    /// Folder links to the folder itself, to its parent inside and outside the project, and file links in a loop.
    /// Expected: every real file read once, loops named as loops (they were "links to nothing").
    @Test func symlinkLoopsEnd() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("a.md", Self.asset)
        try project.write("sub/b.md", "## ASSET-002: b\n\n- Type: data\n")
        try project.symlink("sub/self", to: ".")
        try project.symlink("sub/up", to: "..")
        try project.symlink("sub/deeper", to: "../sub")
        try project.symlink("outside", to: "..")
        try project.symlink("loop1.md", to: "loop2.md")
        try project.symlink("loop2.md", to: "loop1.md")
        try project.symlink("itself.md", to: "itself.md")
        let check = try project.check()
        check.expectWithinBounds("11. symlink loops (check)", megabytes: 100)
        #expect(check.errors == [])
        #expect(check.diagnostics.filter { $0.contains("symbolic link") } == [
            "itself.md:1:1: warning: symbolic link leads back to itself (a loop of links); skipped",
            "loop1.md:1:1: warning: symbolic link leads back to itself (a loop of links); skipped",
            "loop2.md:1:1: warning: symbolic link leads back to itself (a loop of links); skipped",
            "outside:1:1: warning: symbolic link points outside the project; not followed",
        ])
        #expect(check.outcome.output.contains("(2 records, 0 pages in 3 files)"))
    }

    // MARK: - 12. Unreadable files

    /// As root, `chmod 000` stops nothing, so reads are made to fail for real: a named pipe named like a record
    /// file (reading it would wait forever for a writer; it hung `subgen`), a socket, a manifest that is a folder,
    /// a pipe given as test evidence, and a file and a folder with mode 000 read by `subgen` run without the
    /// capabilities that let root ignore permissions (`setpriv`). Expected: one error each, in plain words.
    @Test func unreadableFilesAreReported() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("a.md", Self.asset + "\n## TEST-001: T\n\n- Verifies: THR-001\n- Type: Fuzz\n- Evidence: results.xml\n")
        try project.write("t.md", "## THR-001: T\n\n- Assets: ASSET-001\n- Mitigated by: CTRL-001\n\n## CTRL-001: C\n\n- Category: Authentication\n")
        #expect(mkfifo(project.url("pipe.md").path, 0o644) == 0)
        #expect(mkfifo(project.url("results.xml").path, 0o644) == 0)
        try Self.makeSocket(at: project.url("socket.md").path)
        let check = try project.check()
        check.expectWithinBounds("12. pipe and socket (check)", megabytes: 100)
        #expect(check.errors == [
            "a.md:9:13: error: attachment 'results.xml' is not a regular file (results.xml is a folder, pipe or device)",
            "pipe.md:1:1: error: cannot read file: it is a named pipe (FIFO), not a regular file",
            "socket.md:1:1: error: cannot read file: it is a socket, not a regular file",
        ])

        let folderManifest = try HostileProject(manifest: nil)
        defer { folderManifest.remove() }
        try folderManifest.write("subgen.md/notes.md", Self.asset)
        let manifestCheck = try folderManifest.check()
        #expect(manifestCheck.errors == ["subgen.md:1:1: error: cannot read file: it is a folder, not a file"])

        let denied = try HostileProject()
        defer { denied.remove() }
        try denied.write("a.md", Self.asset)
        try denied.write("secret.md", "## ASSET-002: b\n\n- Type: data\n")
        try denied.write("closed/c.md", "## ASSET-003: c\n\n- Type: data\n")
        chmod(denied.url("secret.md").path, 0)
        chmod(denied.url("closed").path, 0)
        let setpriv = "/usr/bin/setpriv"
        let asRoot = geteuid() == 0
        try #require(!asRoot || FileManager.default.isExecutableFile(atPath: setpriv), "root needs setpriv to drop its capabilities")
        let wrapper = asRoot ? [setpriv, "--inh-caps=-all", "--bounding-set=-all", "--"] : []
        let deniedCheck = try denied.subgen(["check", denied.path], through: wrapper)
        deniedCheck.expectWithinBounds("12. permission denied (check)", megabytes: 100)
        #expect(deniedCheck.errorLocations == ["closed:1:1", "secret.md:1:1"], "\(deniedCheck.errors)")
        #expect(deniedCheck.errors == [
            "closed:1:1: error: cannot read folder: Permission denied",
            "secret.md:1:1: error: cannot read file: Permission denied",
        ])
    }

    /// A Unix-domain socket file at `path` (left behind when its descriptor is closed).
    static func makeSocket(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
    }

    // MARK: - 13. Output folder

    /// The output folder around the project, at its root, at `/`, through a link, on a file and below a file.
    /// Expected: one clear error each, nothing written and nothing of the project touched.
    @Test func outputFolderCannotSwallowTheProject() throws {
        let outer = try HostileProject(manifest: nil)
        defer { outer.remove() }
        try outer.write("project/subgen.md", TemporaryProject.manifest)
        try outer.write("project/a.md", Self.asset)
        let project = outer.url("project").path
        try outer.symlink("link", to: "project")
        let contains = "the output folder would contain the project"
        let cases: [(name: String, output: String, message: String)] = [
            ("the folder holding the project", outer.path, contains),
            ("the project itself", project, contains),
            ("/", "/", contains),
            ("a link to the project", outer.url("link").path, contains),
            ("a file", project + "/a.md", "the output path is a file, not a folder"),
            ("below a file", project + "/a.md/out", "\(project)/a.md is a file, so the output folder cannot be made inside it"),
        ]
        for (name, output, message) in cases {
            let build = try outer.subgen(["build", project, "--output", output])
            build.expectWithinBounds("13. --output \(name) (build)", megabytes: 100)
            // Diagnostics are printed with the folder of the case cut off.
            let shown = output.hasPrefix(outer.path + "/") ? String(output.dropFirst(outer.path.count + 1)) : output
            #expect(build.errors == ["\(shown):1:1: error: \(message); choose another --output"], "\(name)")
            #expect(build.exitStatus == 1)
        }
        let manager = FileManager.default
        #expect(try manager.contentsOfDirectory(atPath: outer.path).sorted() == ["link", "project"])
        #expect(try manager.contentsOfDirectory(atPath: project).sorted() == ["a.md", "subgen.md"])
    }
}
