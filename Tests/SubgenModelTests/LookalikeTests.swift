import SubgenCore
import SubgenTestSupport
import Testing
@testable import SubgenModel

/// IDs written with lookalike or invisible characters are recognised as such, never as the IDs they resemble.
@Suite struct LookalikeTests {
    @Test(arguments: [
        ("ТHR-001", "THR-001", 0x0422, 0),  // Cyrillic capital TE
        ("ΑSSET-001", "ASSET-001", 0x0391, 0),  // Greek capital ALPHA
        ("ASSET-００１", "ASSET-001", 0xFF10, 6),  // fullwidth digits
        ("THR-٠٠١", "THR-001", 0x0660, 4),  // Arabic-Indic digits
        ("THR\u{2013}001", "THR-001", 0x2013, 3),  // en dash
        ("THR-0\u{200B}01", "THR-001", 0x200B, 5),  // zero width space
        ("\u{202E}ASSET-1", "ASSET-1", 0x202E, 0),  // right-to-left override
        ("REQ-ａuth", "REQ-auth", 0xFF41, 4),  // fullwidth small letter
    ])
    func lookalikesFoldToTheIDTheyResemble(token: String, id: String, scalar: UInt32, offset: Int) throws {
        let found = try #require(RecordID.lookalike(token))
        #expect(found.id == id)
        #expect(found.character.value == scalar)
        #expect(found.offset == offset)
        #expect(found.token == token)
    }

    @Test(arguments: ["THR-001", "Привет", "THR-0é1", "ТЕСТ", "THR—001", "", "-"])
    func otherTokensAreNotLookalikes(token: String) {
        #expect(RecordID.lookalike(token) == nil)
    }

    @Test func charactersAreNamed() throws {
        #expect(try #require(RecordID.lookalike("ТHR-1")).characterDescription == "U+0422 CYRILLIC CAPITAL LETTER TE")
        #expect(try #require(RecordID.lookalike("THR-\u{200D}1")).characterDescription == "the invisible U+200D ZERO WIDTH JOINER")
    }

    @Test func bracketedLookalikesHaveOffsetsInTheText() {
        let found = RecordID.bracketedLookalikes(in: "See [ТHR-001], [not one], [THR-001] and [ASSET-0\u{200B}1].")
        #expect(found.map(\.id) == ["THR-001", "ASSET-01"])
        #expect(found.map(\.offset) == [5, 49])
    }

    @Test func headingsFieldsAndNarrativeReportLookalikesAtTheCharacter() throws {
        let text = "## ТHR-001: T\n\n## THR-002: U\n\n- Assets: ASSET-００１\n- Mitigated by: CTRL-001\n\nSee [CTRL-0\u{200B}01].\n"
        let project = try TemporaryProject(["r.md": ReferenceTests.records + "\n\n" + text])
        let diagnostics = project.diagnostics().filter { $0.contains("lookalike-id") }
        #expect(diagnostics == [
            "r.md:9:4: error: lookalike-id", "r.md:13:17: error: lookalike-id", "r.md:16:12: error: lookalike-id",
        ])
    }
}
