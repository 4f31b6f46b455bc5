import Testing
import SubgenCore

/// User text in diagnostics: short quotes, visible invisible characters, and where a file's first NUL byte is.
@Suite struct DiagnosticTextTests {
    @Test func shortTextIsQuotedAsItIs() {
        #expect(DiagnosticText.quote("bogus") == "'bogus'")
        #expect(DiagnosticText.quote(String(repeating: "é", count: 80)) == "'" + String(repeating: "é", count: 80) + "'")
    }

    @Test func longTextIsCutWithItsLength() {
        let long = String(repeating: "x", count: 10 << 20)
        let quoted = DiagnosticText.quote(long)
        #expect(quoted == "'" + String(repeating: "x", count: 80) + "… (10485760 bytes)'")
        #expect(DiagnosticText.short(String(repeating: "☃", count: 81)).hasSuffix("… (243 bytes)"))
    }

    @Test func invisibleAndControlCharactersBecomeVisible() {
        #expect(DiagnosticText.visible("THR-0\u{200B}01 \u{202E}gnp.exe") == "THR-0<U+200B>01 <U+202E>gnp.exe")
        #expect(DiagnosticText.visible("a\nb\tc\u{0}d\u{2028}e\u{FEFF}") == "a<U+000A>b<U+0009>c<U+0000>d<U+2028>e<U+FEFF>")
        // Letters of every script stay as they are.
        #expect(DiagnosticText.visible("ünïcödé ☃ Тест 𝄞") == "ünïcödé ☃ Тест 𝄞")
    }

    @Test func printedDiagnosticsShowInvisibleCharacters() {
        let diagnostic = Diagnostic.error(
            "x", "'ASSET-\u{202E}001' is odd", at: SourceLocation(file: "dir/\u{202E}evil.md", line: 2, column: 3))
        #expect(DiagnosticFormatter().text(diagnostic) == "dir/<U+202E>evil.md:2:3: error: 'ASSET-<U+202E>001' is odd")
        // JSON keeps messages and paths exact, for tools.
        #expect(DiagnosticFormatter().json([diagnostic]).contains("evil.md"))
    }

    @Test func firstNULIsFoundOnItsLineAndColumn() {
        #expect(SourceText("no nul\nhere").firstNUL == nil)
        let text = SourceText("one\r\ntwo\rth\u{0}ree\u{0}")
        #expect(text.firstNUL?.line == 3)
        #expect(text.firstNUL?.column == 3)
        #expect(SourceText("\u{0}").firstNUL?.column == 1)
    }
}
