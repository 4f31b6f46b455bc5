import Foundation
import Testing
@testable import SubgenEvidence

/// The locator's byte scan finds exactly what the regular expression it replaced finds.
@Suite struct JSONLocatorTests {
    /// The regular-expression locator subgen used before (the reference).
    static func reference(_ data: Data) -> (refs: [String: [Int]], names: [String: [Int]]) {
        var refs: [String: [Int]] = [:]
        var names: [String: [Int]] = [:]
        guard let text = String(data: data, encoding: .utf8) else { return (refs, names) }
        let pattern = #""(bom-ref|SPDXID|id|name|vulnerability)"\s*:\s*"((?:[^"\\]|\\.)*)""#
        let expression = try! NSRegularExpression(pattern: pattern)
        var line = 1
        let utf16 = text.utf16
        var scanned = utf16.startIndex
        for match in expression.matches(in: text, range: NSRange(location: 0, length: utf16.count)) {
            guard let keyRange = Range(match.range(at: 1), in: text), let valueRange = Range(match.range(at: 2), in: text)
            else { continue }
            let start = valueRange.lowerBound.samePosition(in: utf16) ?? scanned
            line += utf16[scanned..<start].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            scanned = start
            let value = String(text[valueRange])
            switch text[keyRange] {
            case "bom-ref", "SPDXID": refs[value, default: []].append(line)
            default: names[value, default: []].append(line)
            }
        }
        return (refs, names)
    }

    static func expectSame(_ data: Data, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let locator = JSONLocator(data)
        let expected = reference(data)
        #expect(locator.refs == expected.refs, "\(comment)", sourceLocation: sourceLocation)
        #expect(locator.names == expected.names, "\(comment)", sourceLocation: sourceLocation)
    }

    static let fixtures: [URL] = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let folders = ["SubgenImportTests/Fixtures/cyclonedx", "SubgenImportTests/Fixtures/openvex",
                       "SubgenImportTests/Fixtures/spdx", "SubgenImportTests/Fixtures/sarif", "Fixtures/Complete"]
        return folders.flatMap { folder -> [URL] in
            let url = tests.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.sorted().filter { $0.hasSuffix(".json") || $0.hasSuffix(".sarif") }.map(url.appendingPathComponent)
        }
    }()

    @Test func realFilesLocateLikeTheRegularExpression() throws {
        #expect(Self.fixtures.count >= 15)
        var found = 0
        for url in Self.fixtures {
            let data = try Data(contentsOf: url)
            Self.expectSame(data, url.lastPathComponent)
            found += JSONLocator(data).refs.count
        }
        #expect(found > 100)
    }

    @Test(arguments: [
        #"{"bom-ref": "a", "name": "x"}"#,
        "{\n  \"bom-ref\" :\n \"a\",\n\"bom-ref\":\"a\" }",
        #"{"SPDXID":"SPDXRef-1","id":"CVE-1","vulnerability":"CVE-2"}"#,
        #"{"name": "with \"escaped\" quote", "id": "back\\slash"}"#,
        #"{"name": "ends in escape\\", "id": "x"}"#,
        #"{"description": "not a key: \"id\": \"fake\"", "id": "real"}"#,
        #""id""id": "twice" "#,
        #"{"id" : 12, "name": null, "id": "s"}"#,
        "{\"id\":\t\r\n\u{0C}\"blanks\"}",
        "{\"id\":\u{0B}\"vertical tab\"}",
        "{\"id\":\u{85}\"next line\", \"name\":\u{1680}\"ogham\", \"id\":\u{200B}\"zero width is no space\"}",
        "{\"id\":\u{1C}\"separator control is no space\", \"name\" :\u{205F}\u{202F} \"spaces\"}",
        "{\"id\":\u{A0}\"no-break space\"\u{2028}, \"name\"\u{3000}:\u{2003}\"em\"}",
        "{\"id\": \"raw\nnewline\"}",
        "{\"id\": \"escaped \\\nnewline\", \"name\": \"after\"}",
        "{\"id\": \"escaped \\\u{2028}separator\", \"name\": \"after\"}",
        "{\"id\": \"escaped \\é accent\", \"name\": \"ünïcode 😀\"}",
        #"{"id": "unterminated"#,
        #"{"id": "x\"#,
        #"{"ids": "no", "xid": "no", "Id": "no", "name" "no colon"}"#,
        #"{"bom-ref": "", "name": ""}"#,
        "\u{FEFF}{\"id\": \"after a BOM\"}",
        "SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\n\"name\": \"tag value\"",
    ])
    func editedTextLocatesLikeTheRegularExpression(text: String) {
        Self.expectSame(Data(text.utf8), text)
    }

    @Test func invalidUTF8LocatesNothing() {
        let locator = JSONLocator(Data([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]))
        #expect(locator.refs.isEmpty && locator.names.isEmpty)
    }

    @Test func occurrencesCountPerValue() {
        let locator = JSONLocator(Data("{\n\"bom-ref\": \"a\",\n\"x\": {\"bom-ref\": \"a\"},\n\"id\": \"CVE-1\"}".utf8))
        #expect(locator.line(ofRef: "a") == 2)
        #expect(locator.line(ofRef: "a", occurrence: 1) == 3)
        #expect(locator.line(ofRef: "a", occurrence: 2) == nil)
        #expect(locator.line(ofVulnerability: "CVE-1") == 4)
        #expect(locator.line(ofRef: "CVE-1") == nil)
    }
}

/// The marker search that picks the SBOM reader finds exactly what a plain search finds.
@Suite struct MarkerSearchTests {
    @Test func searchMatchesAPlainSearch() {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("\"spdxVersion:SPDX@graph ab".utf8)
        for marker in ["\"spdxVersion\"", "SPDXVersion:", "\"@graph\"", "a", "ss", "\"\""] {
            let pattern = Array(marker.utf8)
            for length in [0, 1, 5, 13, 14, 40, 200] {
                for _ in 0..<30 {
                    var bytes = (0..<length).map { _ in alphabet[next(alphabet.count)] }
                    if length >= pattern.count && next(2) == 0 {
                        let at = next(length - pattern.count + 1)
                        bytes.replaceSubrange(at..<at + pattern.count, with: pattern)
                    }
                    let plain = bytes.count >= pattern.count
                        && (0...(bytes.count - pattern.count)).contains { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
                    #expect(EvidenceLoader.contains(Data(bytes), marker) == plain, "\(marker) in \(bytes)")
                }
            }
        }
    }
}
