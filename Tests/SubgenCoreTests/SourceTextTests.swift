import Testing
import SubgenCore

@Suite struct SourceTextTests {
    // MARK: - Helpers

    /// A reported position of invalid UTF-8 (`SourceText.InvalidUTF8` has no public initializer).
    private struct At: Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        init(_ line: Int, _ column: Int) {
            self.line = line
            self.column = column
        }
        var description: String { "\(line):\(column)" }
    }

    /// The lines of `text` as Swift strings.
    private func lineStrings(_ text: SourceText) -> [String] {
        text.lines.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Decodes `bytes`, recording an issue (and returning nil) when decoding unexpectedly fails.
    private func decoded(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SourceText? {
        switch SourceText.decode(bytes) {
        case .success(let text): return text
        case .failure(let error):
            Issue.record("valid bytes \(bytes) rejected at \(error.line):\(error.column)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The reported failure for `bytes`, recording an issue (and returning nil) when decoding unexpectedly succeeds.
    private func failure(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> At? {
        switch SourceText.decode(bytes) {
        case .success(let text):
            Issue.record("invalid bytes \(bytes) decoded as \(text.text.debugDescription)", sourceLocation: sourceLocation)
            return nil
        case .failure(let error): return At(error.line, error.column)
        }
    }

    // MARK: - Decoding valid text

    @Test func decodesValidASCIIAndMultiByteText() throws {
        let source = "Héllo ☃ 𝄞\nzweite Zeile"
        let text = try #require(decoded(Array(source.utf8)))
        #expect(text.text == source)
        #expect(lineStrings(text) == ["Héllo ☃ 𝄞", "zweite Zeile"])
        #expect(text.lines[0].count == 15)  // H é(2) l l o ␠ ☃(3) ␠ 𝄞(4)
    }

    @Test func decodesEmptyInputAsOneEmptyLine() throws {
        let text = try #require(decoded([]))
        #expect(text.text == "")
        #expect(text.lines.count == 1)
        #expect(text.lines[0].isEmpty)
    }

    @Test func decodesBoundaryScalars() throws {
        // U+007F, U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFD, U+FFFF, U+10000, U+10FFFF
        let bytes: [UInt8] = [
            0x7F, 0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80,
            0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBF, 0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF,
        ]
        let text = try #require(decoded(bytes))
        #expect(
            text.text.unicodeScalars.map(\.value)
                == [0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF])
        #expect(Array(text.lines[0]) == bytes)
    }

    @Test func leadingByteOrderMarkIsStripped() throws {
        let text = try #require(decoded([0xEF, 0xBB, 0xBF] + Array("ab\ncd".utf8)))
        #expect(text.text == "ab\ncd")
        #expect(text.text.unicodeScalars.first == "a")
        #expect(lineStrings(text) == ["ab", "cd"])
        #expect(Array(text.line(1)) == Array("ab".utf8))
        // Columns are counted from the first byte after the BOM.
        #expect(text.column(of: "b", line: 1) == 2)
    }

    @Test func byteOrderMarkAloneDecodesToEmptyText() throws {
        let text = try #require(decoded([0xEF, 0xBB, 0xBF]))
        #expect(text.text == "")
        #expect(text.lines.count == 1)
        #expect(text.lines[0].isEmpty)
    }

    @Test func onlyOneLeadingByteOrderMarkIsStripped() throws {
        let text = try #require(decoded([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x61]))
        #expect(text.text == "\u{FEFF}a")
        #expect(Array(text.lines[0]) == [0xEF, 0xBB, 0xBF, 0x61])
    }

    @Test func byteOrderMarkInsideTheTextIsKept() throws {
        let text = try #require(decoded([0x61, 0xEF, 0xBB, 0xBF, 0x62]))
        #expect(text.text == "a\u{FEFF}b")
        #expect(text.lines[0].count == 5)
    }

    @Test func initFromStringKeepsTextAndSplitsLines() {
        let text = SourceText("eins\r\nzwei\rdrei\nvier")
        #expect(text.text == "eins\r\nzwei\rdrei\nvier")
        #expect(lineStrings(text) == ["eins", "zwei", "drei", "vier"])
    }

    // MARK: - Decoding invalid text

    @Test func invalidByteAtStart() {
        #expect(failure([0xFF]) == At(1, 1))
        #expect(failure([0xFE, 0x61]) == At(1, 1))
    }

    @Test func invalidByteAfterASCII() {
        #expect(failure(Array("abc".utf8) + [0xFF] + Array("def".utf8)) == At(1, 4))
    }

    @Test func columnCountsBytesOfMultiByteCharactersBefore() {
        // é (2 bytes) ☃ (3 bytes) 𝄞 (4 bytes): the bad byte is the 10th byte of the line.
        #expect(failure(Array("é☃𝄞".utf8) + [0xFF]) == At(1, 10))
        #expect(failure(Array("ü".utf8) + [0x80]) == At(1, 3))
    }

    @Test func invalidByteOnALaterLine() {
        let bytes = Array("first\nsecond ☃\nthird é ".utf8) + [0xC0, 0x80] + Array(" tail\nlast".utf8)
        // Line 3 is "third é " = 6 + 2 + 1 = 9 bytes, so the bad byte is in column 10.
        #expect(failure(bytes) == At(3, 10))
    }

    @Test func invalidByteRightAfterANewline() {
        #expect(failure(Array("a\n".utf8) + [0xFF]) == At(2, 1))
        #expect(failure(Array("a\n\n\n".utf8) + [0xFF]) == At(4, 1))
    }

    @Test func invalidByteAfterCRLFLines() {
        let bytes = Array("one\r\ntwo\r\nxy".utf8) + [0xFF]
        #expect(failure(bytes) == At(3, 3))
    }

    @Test func invalidByteAfterCarriageReturnOnlyLines() {
        // `lines` (and libcmark) treat a lone `\r` as a line ending, so the bad byte is on line 3.
        let bytes = Array("one\rtwo\rxy".utf8) + [0xFF]
        #expect(failure(bytes) == At(3, 3))
        let mixed = Array("one\r\ntwo\rxy\n".utf8) + [0xFF]
        #expect(failure(mixed) == At(4, 1))
    }

    @Test func reportsTheFirstOfSeveralInvalidBytes() {
        let bytes = Array("ok\nab".utf8) + [0xFF] + Array("\n".utf8) + [0xFE]
        #expect(failure(bytes) == At(2, 3))
    }

    @Test func columnIsCountedAfterTheByteOrderMark() {
        #expect(failure([0xEF, 0xBB, 0xBF, 0x61, 0x62, 0xFF]) == At(1, 3))
        #expect(failure([0xEF, 0xBB, 0xBF, 0x0A, 0xFF]) == At(2, 1))
    }

    @Test func truncatedSequencesAreRejected() {
        // Truncated at the end of the file.
        #expect(failure(Array("ab".utf8) + [0xE2, 0x98]) == At(1, 3))
        #expect(failure([0xC3]) == At(1, 1))
        #expect(failure(Array("x".utf8) + [0xF0, 0x9F, 0x98]) == At(1, 2))
        // Truncated by a following ASCII byte or newline.
        #expect(failure(Array("a".utf8) + [0xE2, 0x98, 0x41]) == At(1, 2))
        #expect(failure([0x0A, 0x61, 0xC3, 0x0A, 0x62]) == At(2, 2))
    }

    @Test func loneContinuationBytesAreRejected() {
        #expect(failure([0x80]) == At(1, 1))
        #expect(failure(Array("ab".utf8) + [0xBF]) == At(1, 3))
        // A valid 2-byte character followed by an extra continuation byte.
        #expect(failure([0xC3, 0xA9, 0xA9]) == At(1, 3))
    }

    @Test(arguments: [
        [UInt8]([0xC0, 0xAF]),  // overlong "/"
        [0xC1, 0xBF],  // overlong U+007F
        [0xE0, 0x80, 0xAF],  // overlong 3-byte "/"
        [0xE0, 0x9F, 0xBF],  // overlong U+07FF
        [0xF0, 0x80, 0x80, 0xAF],  // overlong 4-byte "/"
        [0xF0, 0x8F, 0xBF, 0xBF],  // overlong U+FFFF
    ])
    func overlongEncodingsAreRejected(sequence: [UInt8]) {
        #expect(failure(Array("ok ".utf8) + sequence) == At(1, 4))
    }

    @Test(arguments: [
        [UInt8]([0xED, 0xA0, 0x80]),  // U+D800
        [0xED, 0xAD, 0xBF],  // U+DB7F
        [0xED, 0xB0, 0x80],  // U+DC00
        [0xED, 0xBF, 0xBF],  // U+DFFF
        [0xED, 0xA0, 0xBD, 0xED, 0xB2, 0xA9],  // CESU-8 surrogate pair
    ])
    func surrogatesAreRejected(sequence: [UInt8]) {
        #expect(failure(Array("x\né".utf8) + sequence) == At(2, 3))
    }

    @Test(arguments: [
        [UInt8]([0xF4, 0x90, 0x80, 0x80]),  // U+110000
        [0xF5, 0x80, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80],  // old 5-byte form
        [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80],  // old 6-byte form
    ])
    func scalarsBeyondU10FFFFAreRejected(sequence: [UInt8]) {
        #expect(failure(sequence) == At(1, 1))
    }

    // MARK: - Lines

    @Test func splitsOnLineFeed() {
        #expect(lineStrings(SourceText("a\nbc\n\nd")) == ["a", "bc", "", "d"])
    }

    @Test func splitsOnCRLF() {
        let text = SourceText("a\r\nbc\r\n\r\nd")
        #expect(lineStrings(text) == ["a", "bc", "", "d"])
        #expect(text.lines.allSatisfy { !$0.contains(0x0D) && !$0.contains(0x0A) })
    }

    @Test func splitsOnLoneCarriageReturn() {
        #expect(lineStrings(SourceText("a\rbc\r\rd")) == ["a", "bc", "", "d"])
    }

    @Test func splitsMixedLineEndings() {
        let text = SourceText("1\n2\r\n3\r4\n\r5")
        // `\n\r` is two line endings (LF, then a lone CR), unlike `\r\n`.
        #expect(lineStrings(text) == ["1", "2", "3", "4", "", "5"])
        #expect(lineStrings(SourceText("a\r\r\nb")) == ["a", "", "b"])
    }

    @Test func trailingTerminatorYieldsAFinalEmptyLine() {
        #expect(lineStrings(SourceText("a\n")) == ["a", ""])
        #expect(lineStrings(SourceText("a\r\n")) == ["a", ""])
        #expect(lineStrings(SourceText("a\r")) == ["a", ""])
        #expect(lineStrings(SourceText("\r\n")) == ["", ""])
        #expect(lineStrings(SourceText("")) == [""])
    }

    @Test func linesKeepMultiByteCharacters() {
        let text = SourceText("Über\r\n☃ x")
        #expect(Array(text.line(1)) == Array("Über".utf8))
        #expect(text.line(2).count == 5)
    }

    @Test func lineReturnsTheRequestedLine() {
        let text = SourceText("one\ntwo\r\nthree")
        #expect(Array(text.line(1)) == Array("one".utf8))
        #expect(Array(text.line(2)) == Array("two".utf8))
        #expect(Array(text.line(3)) == Array("three".utf8))
    }

    @Test(arguments: [0, -1, -100, 4, 5, Int.max, Int.min])
    func lineOutOfRangeIsEmpty(line: Int) {
        let text = SourceText("one\ntwo\nthree")
        #expect(text.lines.count == 3)
        #expect(text.line(line).isEmpty)
    }

    // MARK: - Columns

    @Test func columnFindsNeedleInASCIILine() {
        let text = SourceText("alpha beta gamma")
        #expect(text.column(of: "alpha", line: 1) == 1)
        #expect(text.column(of: "beta", line: 1) == 7)
        #expect(text.column(of: "gamma", line: 1) == 12)
        #expect(text.column(of: "a", line: 1) == 1)
    }

    @Test func columnCountsUTF8BytesBeforeNeedle() {
        // Ü(2) b e r ␠ ☃(3) ␠ → "THR-1" starts at byte 11.
        let text = SourceText("Über ☃ THR-1")
        #expect(text.column(of: "THR-1", line: 1) == 11)
        #expect(text.column(of: "☃", line: 1) == 7)
        #expect(text.column(of: "ber", line: 1) == 3)
        let emoji = SourceText("x\n𝄞𝄞 é,é")
        #expect(emoji.column(of: "é", line: 2) == 10)
        #expect(emoji.column(of: ",", line: 2) == 12)
    }

    @Test func columnFromSkipsEarlierMatches() {
        let text = SourceText("ä CTRL-1, CTRL-1, CTRL-1")
        #expect(text.column(of: "CTRL-1", line: 1) == 4)
        #expect(text.column(of: "CTRL-1", line: 1, from: 4) == 4)
        #expect(text.column(of: "CTRL-1", line: 1, from: 5) == 12)
        #expect(text.column(of: "CTRL-1", line: 1, from: 12) == 12)
        #expect(text.column(of: "CTRL-1", line: 1, from: 13) == 20)
        #expect(text.column(of: "CTRL-1", line: 1, from: 21) == nil)
    }

    @Test func columnSearchesOnlyTheGivenLine() {
        let text = SourceText("needle here\r\nno match\rthen needle")
        #expect(text.column(of: "needle", line: 1) == 1)
        #expect(text.column(of: "needle", line: 2) == nil)
        #expect(text.column(of: "needle", line: 3) == 6)
        // A needle does not match across a line ending.
        #expect(text.column(of: "here\r\nno", line: 1) == nil)
    }

    @Test func columnNeedleAtEndOfLine() {
        let text = SourceText("ab ü")
        #expect(text.column(of: "ü", line: 1) == 4)
        #expect(text.column(of: "b ü", line: 1) == 2)
        #expect(text.column(of: "ab ü!", line: 1) == nil)
    }

    @Test func columnEdgeCasesReturnNil() {
        let text = SourceText("abc\ndef")
        #expect(text.column(of: "", line: 1) == nil)
        #expect(text.column(of: "a", line: 0) == nil)
        #expect(text.column(of: "a", line: 3) == nil)
        #expect(text.column(of: "a", line: 1, from: 2) == nil)
        #expect(text.column(of: "c", line: 1, from: 100) == nil)
        #expect(text.column(of: "abcd", line: 1) == nil)
    }

    @Test func columnFromBelowOneSearchesTheWholeLine() {
        let text = SourceText("xyz")
        #expect(text.column(of: "x", line: 1, from: 0) == 1)
        #expect(text.column(of: "y", line: 1, from: -5) == 2)
    }

    @Test func columnDoesNotMatchPartOfAMultiByteCharacterAsACharacter() {
        // "é" is C3 A9; the needle "\u{E9}" must match whole bytes, and "e" must not match inside it.
        let text = SourceText("é e")
        #expect(text.column(of: "e", line: 1) == 4)
        #expect(text.column(of: "é", line: 1) == 1)
    }
}
