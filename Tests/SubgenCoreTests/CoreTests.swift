import Foundation
import Testing
@testable import SubgenCore

@Suite struct CoreTests {
    @Test func decodeStripsBOMAndSplitsEveryLineEnding() throws {
        let text = try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\nd".utf8)).get()
        #expect(text.text == "a\r\nb\rc\nd")
        #expect(text.lines.map { String(decoding: $0, as: UTF8.self) } == ["a", "b", "c", "d"])
        #expect(text.line(0).isEmpty && text.line(5).isEmpty)
    }

    @Test func invalidUTF8IsLocatedAtTheFirstBadByte() {
        let cases: [([UInt8], SourceText.InvalidUTF8)] = [
            (Array("ok\né ☃ ".utf8) + [0xFF], .init(line: 2, column: 8)),
            ([0xC0, 0xAF], .init(line: 1, column: 1)),  // overlong
            (Array("x".utf8) + [0xED, 0xA0, 0x80], .init(line: 1, column: 2)),  // surrogate
            (Array("ab".utf8) + [0xE2, 0x98], .init(line: 1, column: 3)),  // truncated
        ]
        for (bytes, expected) in cases {
            guard case .failure(let bad) = SourceText.decode(bytes) else {
                Issue.record("decoded invalid bytes \(bytes)")
                continue
            }
            #expect(bad == expected)
        }
    }

    @Test func columnsCountUTF8Bytes() {
        let text = SourceText("x\nÜber ☃ CTRL-1, CTRL-1")
        #expect(text.column(of: "CTRL-1", line: 2) == 11)
        #expect(text.column(of: "CTRL-1", line: 2, from: 12) == 19)
        #expect(text.column(of: "nope", line: 2) == nil)
    }

    @Test func diagnosticsSortByPathLineColumnThenErrorsFirst() {
        let a = SourceLocation(file: "a.md", line: 2, column: 5)
        var log = DiagnosticLog()
        log.warning("w", "warn", at: a)
        log.error("e", "err", at: a)
        log.error("e", "err", at: a)
        log.error("x", "later", at: SourceLocation(file: "a.md", line: 10, column: 1))
        log.error("y", "first", at: SourceLocation(file: "A.md", line: 9, column: 9))
        #expect(log.hasErrors)
        #expect(log.sorted().map(\.message) == ["first", "err", "warn", "later"])
        #expect(log.sorted(strict: true).allSatisfy { $0.severity == .error })
        #expect(log.sorted(strict: true).count == 4)  // the repeated "err" is reported once
    }

    @Test func textAndJSONFormats() throws {
        let diagnostic = Diagnostic.error("unresolved-reference", "no record", at: SourceLocation(file: "t.md", line: 3, column: 7))
        #expect(DiagnosticFormatter().text(diagnostic) == "t.md:3:7: error: no record")
        #expect(DiagnosticFormatter(pathPrefix: ".").text(diagnostic) == "t.md:3:7: error: no record")
        #expect(DiagnosticFormatter(pathPrefix: "Proj/").text(diagnostic) == "Proj/t.md:3:7: error: no record")
        #expect(DiagnosticFormatter(pathPrefix: "Proj").displayPath("") == "Proj")
        #expect(DiagnosticFormatter().summary([diagnostic]) == "1 error, 0 warnings")
        let json = DiagnosticFormatter(pathPrefix: "Proj").json([diagnostic])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 1)
        #expect(objects[0]["file"] as? String == "Proj/t.md")
        #expect(objects[0]["line"] as? Int == 3)
        #expect(objects[0]["column"] as? Int == 7)
        #expect(objects[0]["severity"] as? String == "error")
        #expect(objects[0]["id"] as? String == "unresolved-reference")
        #expect(objects[0]["message"] as? String == "no record")
    }
}
