import Foundation
import Testing
import SubgenCore

@Suite struct DiagnosticTests {
    private typealias Location = SubgenCore.SourceLocation

    private func at(_ file: String, _ line: Int, _ column: Int) -> Location {
        Location(file: file, line: line, column: column)
    }

    // MARK: - Severity and locations

    @Test func warningsSortBelowErrors() {
        #expect(Severity.warning < Severity.error)
        #expect(!(Severity.error < Severity.warning))
        #expect(!(Severity.error < Severity.error))
        #expect(!(Severity.warning < Severity.warning))
        #expect(Severity.error.rawValue == "error")
        #expect(Severity.warning.rawValue == "warning")
    }

    @Test func locationClampsLineAndColumnToOne() {
        let location = Location(file: "a.md", line: 0, column: -3)
        #expect(location.line == 1)
        #expect(location.column == 1)
        #expect(Location(file: "a.md") == at("a.md", 1, 1))
    }

    @Test func locationAdvancedMovesRightOnTheSameLine() {
        let location = at("a.md", 4, 3).advanced(by: 5)
        #expect(location == at("a.md", 4, 8))
    }

    @Test func locationsOrderByPathBytesThenLineThenColumn() {
        // Byte order: "B" (0x42) < "a" (0x61); "." (0x2E) < "/" (0x2F); ASCII < non-ASCII.
        #expect(at("B.md", 9, 9) < at("a.md", 1, 1))
        #expect(at("a.md", 9, 9) < at("a/b.md", 1, 1))
        #expect(at("z.md", 9, 9) < at("ä.md", 1, 1))
        #expect(at("a.md", 9, 9) < at("ab.md", 1, 1))
        #expect(at("a.md", 2, 50) < at("a.md", 10, 1))
        #expect(at("a.md", 3, 2) < at("a.md", 3, 10))
        #expect(!(at("a.md", 3, 2) < at("a.md", 3, 2)))
        let shuffled = [at("b.md", 1, 1), at("a.md", 2, 1), at("a/x.md", 1, 1), at("a.md", 1, 7), at("A.md", 5, 5), at("a.md", 1, 2)]
        #expect(shuffled.sorted() == [at("A.md", 5, 5), at("a.md", 1, 2), at("a.md", 1, 7), at("a.md", 2, 1), at("a/x.md", 1, 1), at("b.md", 1, 1)])
    }

    // MARK: - Diagnostic ordering

    @Test func factoriesSetSeverityAndFields() {
        let location = at("t.md", 3, 7)
        let error = Diagnostic.error("bad-thing", "it is bad", at: location)
        #expect(error.severity == .error)
        #expect(error.id == "bad-thing")
        #expect(error.message == "it is bad")
        #expect(error.location == location)
        let warning = Diagnostic.warning("odd-thing", "it is odd", at: location)
        #expect(warning.severity == .warning)
        #expect(warning == Diagnostic(.warning, "odd-thing", "it is odd", at: location))
    }

    @Test func diagnosticsOrderByPathInByteOrder() {
        let upper = Diagnostic.warning("w", "m", at: at("Z.md", 100, 100))
        let lower = Diagnostic.error("e", "m", at: at("a.md", 1, 1))
        #expect(upper < lower)
        #expect(!(lower < upper))
    }

    @Test func diagnosticsOrderByLineBeforeColumn() {
        let early = Diagnostic.warning("w", "m", at: at("a.md", 2, 99))
        let late = Diagnostic.error("e", "m", at: at("a.md", 3, 1))
        #expect(early < late)
        let left = Diagnostic.warning("w", "m", at: at("a.md", 3, 1))
        let right = Diagnostic.error("e", "m", at: at("a.md", 3, 2))
        #expect(left < right)
    }

    @Test func errorsComeBeforeWarningsAtTheSameLocation() {
        let location = at("a.md", 1, 1)
        let warning = Diagnostic.warning("a-first-id", "a", at: location)
        let error = Diagnostic.error("z-last-id", "z", at: location)
        #expect(error < warning)
        #expect(!(warning < error))
    }

    @Test func sameLocationAndSeverityOrdersByIdThenMessage() {
        let location = at("a.md", 1, 1)
        #expect(Diagnostic.error("a", "z", at: location) < Diagnostic.error("b", "a", at: location))
        #expect(Diagnostic.error("a", "m1", at: location) < Diagnostic.error("a", "m2", at: location))
        #expect(!(Diagnostic.error("a", "m", at: location) < Diagnostic.error("a", "m", at: location)))
    }

    @Test func sortingAListGivesReportOrder() {
        let diagnostics = [
            Diagnostic.warning("w", "4", at: at("b.md", 1, 1)),
            Diagnostic.warning("w", "3", at: at("a.md", 2, 1)),
            Diagnostic.error("e", "2", at: at("a.md", 2, 1)),
            Diagnostic.error("e", "1", at: at("a.md", 1, 5)),
            Diagnostic.warning("w", "0", at: at("A.md", 9, 9)),
        ]
        #expect(diagnostics.sorted().map(\.message) == ["0", "1", "2", "3", "4"])
    }

    // MARK: - DiagnosticLog

    @Test func logAppendsInOrderAndTracksErrors() {
        var log = DiagnosticLog()
        #expect(log.diagnostics.isEmpty)
        #expect(!log.hasErrors)
        log.warning("w1", "first", at: at("b.md", 1, 1))
        #expect(!log.hasErrors)
        log.append(.warning("w2", "second", at: at("a.md", 1, 1)))
        log.append(contentsOf: [.warning("w3", "third", at: at("a.md", 1, 1))])
        #expect(!log.hasErrors)
        log.error("e1", "fourth", at: at("c.md", 1, 1))
        #expect(log.hasErrors)
        #expect(log.diagnostics.map(\.message) == ["first", "second", "third", "fourth"])
        #expect(log.diagnostics.map(\.severity) == [.warning, .warning, .warning, .error])
    }

    @Test func logInitTakesExistingDiagnostics() {
        let log = DiagnosticLog([.error("e", "m", at: at("a.md", 1, 1))])
        #expect(log.diagnostics.count == 1)
        #expect(log.hasErrors)
    }

    @Test func sortedOrdersAndRemovesExactDuplicates() {
        var log = DiagnosticLog()
        log.warning("w", "warn", at: at("a.md", 2, 5))
        log.error("e", "err", at: at("a.md", 2, 5))
        log.error("e", "err", at: at("a.md", 2, 5))
        log.error("e", "err", at: at("a.md", 2, 6))  // another column: not a duplicate
        log.error("e", "other", at: at("a.md", 2, 5))  // another message: not a duplicate
        log.error("x", "later", at: at("a.md", 10, 1))
        log.error("y", "first", at: at("A.md", 9, 9))
        log.error("y", "first", at: at("A.md", 9, 9))
        let sorted = log.sorted()
        #expect(sorted.map(\.message) == ["first", "err", "other", "warn", "err", "later"])
        #expect(sorted.map(\.location.column) == [9, 5, 5, 5, 6, 1])
        #expect(sorted.map(\.severity) == [.error, .error, .error, .warning, .error, .error])
        // The log itself is unchanged.
        #expect(log.diagnostics.count == 8)
        #expect(log.diagnostics.first?.message == "warn")
    }

    @Test func sortedKeepsWarningAndErrorWithSameTextWhenNotStrict() {
        var log = DiagnosticLog()
        log.warning("same", "same text", at: at("a.md", 1, 1))
        log.error("same", "same text", at: at("a.md", 1, 1))
        let sorted = log.sorted()
        #expect(sorted.map(\.severity) == [.error, .warning])
    }

    @Test func strictPromotesWarningsToErrors() {
        var log = DiagnosticLog()
        log.warning("w", "b", at: at("b.md", 1, 1))
        log.warning("w", "a", at: at("a.md", 1, 1))
        #expect(!log.hasErrors)
        let strict = log.sorted(strict: true)
        #expect(strict.map(\.severity) == [.error, .error])
        #expect(strict.map(\.message) == ["a", "b"])
        #expect(strict.map(\.id) == ["w", "w"])
        // Without strict the warnings stay warnings, and the log keeps its severities either way.
        #expect(log.sorted().map(\.severity) == [.warning, .warning])
        #expect(log.diagnostics.map(\.severity) == [.warning, .warning])
    }

    @Test func strictMergesAWarningWithTheIdenticalError() {
        var log = DiagnosticLog()
        log.warning("same", "same text", at: at("a.md", 1, 1))
        log.error("same", "same text", at: at("a.md", 1, 1))
        log.warning("other", "other text", at: at("a.md", 1, 1))
        let strict = log.sorted(strict: true)
        #expect(strict.count == 2)
        #expect(strict.map(\.id) == ["other", "same"])
        #expect(strict.allSatisfy { $0.severity == .error })
    }

    @Test func sortedOfEmptyLogIsEmpty() {
        #expect(DiagnosticLog().sorted().isEmpty)
        #expect(DiagnosticLog().sorted(strict: true).isEmpty)
    }

    // MARK: - Text format

    @Test func textFormatWithoutPrefix() {
        let formatter = DiagnosticFormatter()
        #expect(formatter.pathPrefix == "")
        let error = Diagnostic.error("unresolved-reference", "no record 'THR-9'", at: at("dir/t.md", 3, 7))
        #expect(formatter.text(error) == "dir/t.md:3:7: error: no record 'THR-9'")
        let warning = Diagnostic.warning("empty-field", "field 'Notes' is empty", at: at("ü.md", 12, 1))
        #expect(formatter.text(warning) == "ü.md:12:1: warning: field 'Notes' is empty")
    }

    @Test(arguments: ["", ".", "./"])
    func prefixesMeaningTheCurrentFolderAreOmitted(prefix: String) {
        let formatter = DiagnosticFormatter(pathPrefix: prefix)
        let diagnostic = Diagnostic.error("e", "msg", at: at("t.md", 3, 7))
        #expect(formatter.text(diagnostic) == "t.md:3:7: error: msg")
        #expect(formatter.displayPath("sub/t.md") == "sub/t.md")
    }

    @Test(arguments: [
        ("Proj", "Proj/t.md"),
        ("Proj/", "Proj/t.md"),
        ("../Proj", "../Proj/t.md"),
        ("/abs/dir/", "/abs/dir/t.md"),
        ("a/b", "a/b/t.md"),
        ("..", "../t.md"),
    ])
    func prefixIsJoinedWithExactlyOneSlash(prefix: String, expected: String) {
        let formatter = DiagnosticFormatter(pathPrefix: prefix)
        #expect(formatter.displayPath("t.md") == expected)
        let diagnostic = Diagnostic.warning("w", "careful", at: at("t.md", 2, 4))
        #expect(formatter.text(diagnostic) == "\(expected):2:4: warning: careful")
    }

    @Test func displayPathOfEmptyFile() {
        #expect(DiagnosticFormatter(pathPrefix: "Proj").displayPath("") == "Proj")
        #expect(DiagnosticFormatter(pathPrefix: "Proj/").displayPath("") == "Proj/")
        #expect(DiagnosticFormatter().displayPath("") == "")
        #expect(DiagnosticFormatter(pathPrefix: ".").displayPath("") == "")
    }

    @Test func textUsesClampedLocation() {
        let diagnostic = Diagnostic.error("e", "m", at: Location(file: "x.md", line: 0, column: 0))
        #expect(DiagnosticFormatter().text(diagnostic) == "x.md:1:1: error: m")
    }

    // MARK: - Summary

    @Test func summaryPluralisesEachCount() {
        let formatter = DiagnosticFormatter()
        let error = Diagnostic.error("e", "m", at: at("a.md", 1, 1))
        let warning = Diagnostic.warning("w", "m", at: at("a.md", 1, 1))
        #expect(formatter.summary([]) == "0 errors, 0 warnings")
        #expect(formatter.summary([error]) == "1 error, 0 warnings")
        #expect(formatter.summary([warning]) == "0 errors, 1 warning")
        #expect(formatter.summary([error, warning]) == "1 error, 1 warning")
        #expect(formatter.summary([error, error, warning]) == "2 errors, 1 warning")
        #expect(formatter.summary([warning, error, warning, warning]) == "1 error, 3 warnings")
        #expect(formatter.summary(Array(repeating: error, count: 11)) == "11 errors, 0 warnings")
    }

    // MARK: - JSON

    private func parseJSON(_ json: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    @Test func jsonHasOneObjectPerDiagnosticInOrder() throws {
        let diagnostics = [
            Diagnostic.warning("empty-field", "field 'Notes' is empty", at: at("sub/b.md", 12, 3)),
            Diagnostic.error("unresolved-reference", "no record 'THR-9'", at: at("a.md", 3, 7)),
        ]
        let objects = try parseJSON(DiagnosticFormatter(pathPrefix: "Proj").json(diagnostics))
        try #require(objects.count == 2)
        // Input order is kept (the caller sorts).
        #expect(objects[0]["file"] as? String == "Proj/sub/b.md")
        #expect(objects[0]["line"] as? Int == 12)
        #expect(objects[0]["column"] as? Int == 3)
        #expect(objects[0]["severity"] as? String == "warning")
        #expect(objects[0]["id"] as? String == "empty-field")
        #expect(objects[0]["message"] as? String == "field 'Notes' is empty")
        #expect(objects[1]["file"] as? String == "Proj/a.md")
        #expect(objects[1]["line"] as? Int == 3)
        #expect(objects[1]["column"] as? Int == 7)
        #expect(objects[1]["severity"] as? String == "error")
        #expect(objects[1]["id"] as? String == "unresolved-reference")
        #expect(objects[1]["message"] as? String == "no record 'THR-9'")
        for object in objects {
            #expect(Set(object.keys) == ["file", "line", "column", "severity", "id", "message"])
        }
    }

    @Test func jsonWithoutPrefixUsesProjectRelativePaths() throws {
        let diagnostic = Diagnostic.error("e", "m", at: at("dir/t.md", 1, 2))
        for prefix in ["", ".", "./"] {
            let objects = try parseJSON(DiagnosticFormatter(pathPrefix: prefix).json([diagnostic]))
            #expect(objects.first?["file"] as? String == "dir/t.md")
        }
    }

    @Test func jsonRoundTripsSpecialCharacters() throws {
        let message = "quote \" backslash \\ newline \n tab \t ünïcödé ☃ 𝄞 </script>"
        let diagnostic = Diagnostic.warning("odd/id", message, at: at("ä/ö ü.md", 1, 1))
        let json = DiagnosticFormatter(pathPrefix: "../x").json([diagnostic])
        let objects = try parseJSON(json)
        try #require(objects.count == 1)
        #expect(objects[0]["message"] as? String == message)
        #expect(objects[0]["file"] as? String == "../x/ä/ö ü.md")
        #expect(objects[0]["id"] as? String == "odd/id")
        // Slashes are written as they are, not as `\/`.
        #expect(json.contains("\"../x/ä/ö ü.md\""))
        #expect(!json.contains("\\/"))
    }

    @Test func jsonKeysAreSortedAndOutputIsPrettyPrinted() throws {
        let json = DiagnosticFormatter().json([.error("the-id", "the message", at: at("f.md", 4, 5))])
        #expect(json.contains("\n"))
        let keys = ["\"column\"", "\"file\"", "\"id\"", "\"line\"", "\"message\"", "\"severity\""]
        let positions = try keys.map { key in try #require(json.range(of: key)?.lowerBound) }
        #expect(positions == positions.sorted())
    }

    @Test func jsonOfNoDiagnosticsIsAnEmptyArray() throws {
        let json = DiagnosticFormatter(pathPrefix: "Proj").json([])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let array = try #require(parsed as? [Any])
        #expect(array.isEmpty)
    }

    @Test func jsonNumbersAreIntegers() throws {
        let json = DiagnosticFormatter().json([.error("e", "m", at: at("f.md", 1234, 56))])
        #expect(json.contains("\"line\" : 1234"))
        #expect(json.contains("\"column\" : 56"))
    }
}
