import Foundation
import Testing
@testable import SubgenModel

/// The byte-level fast paths of the parser agree with the Unicode-aware code they stand in for: each fast path
/// is compared with its reference implementation on ASCII text, on text where Unicode decides, and on edge cases.
@Suite struct FastPathTests {
    /// Text meant to catch every way a byte-level shortcut could differ from Character and Foundation semantics.
    static let samples: [String] = [
        "", " ", "  ", "\t", "\n", "\r\n", " \r\n ", "a", " a ", "\ta\t", "\na\n", "\u{0B}a\u{0C}", "\ra\r",
        "Mitigated by", "mitigated  BY", "  Mitigated \t by  ", "MITIGATED\nBY", "a b", "a  b", "a\tb", "a\r\nb",
        "\u{1C}a\u{1F}",  // information separators: whitespace for neither Foundation nor Character
        "\u{A0}a\u{A0}", "\u{2028}a\u{2029}", "\u{3000}a", "a\u{200B}", "\u{85}a", "\u{1680}a\u{202F}",
        " \u{301}a", "a \u{301}", "a\u{301} ", "e\u{301}", "É", "Ä b", "straße", "İstanbul", "ΣΑΣ",
        "K\u{212A}", "\u{212A}elvin", "a\u{A0}b", "a\u{2003}b", "café  au lait", "😀 ok 😀", "\u{FEFF}a",
        "x,y", " , ", "a:b", "é:x",
    ]

    // MARK: - Trimming

    @Test(arguments: samples)
    func trimmedMatchesFoundation(text: String) {
        #expect(text.trimmed == text.foundationTrimmed)
        #expect(text.trimmed.utf8.elementsEqual(text.foundationTrimmed.utf8))
        let padded = "x" + text + "y"
        let inner = padded.dropFirst().dropLast()
        #expect(inner.trimmed == String(inner).foundationTrimmed)
    }

    @Test func trimmedKeepsInnerText() {
        #expect("  Name: value \t".trimmed == "Name: value")
        #expect("\u{A0} a \u{A0}".trimmed == "a")
        #expect("\u{200B}a".trimmed == "a")
        #expect(" \u{301}a".trimmed == "\u{301}a")
    }

    // MARK: - Field name normalisation

    @Test(arguments: samples)
    func normalizeMatchesUnicode(text: String) {
        #expect(FieldSpec.normalize(text) == FieldSpec.unicodeNormalized(text))
        #expect(FieldSpec.normalize(text).utf8.elementsEqual(FieldSpec.unicodeNormalized(text).utf8))
    }

    @Test func normalizeASCIIPathHandlesEveryBlank() {
        #expect(FieldSpec.asciiNormalized(" Mitigated \t\r\n BY ") == "mitigated by")
        #expect(FieldSpec.asciiNormalized("already normal") == "already normal")
        #expect(FieldSpec.asciiNormalized("") == "")
        #expect(FieldSpec.asciiNormalized("   ") == "")
        #expect(FieldSpec.asciiNormalized("É") == nil)
    }

    @Test func keysFollowNames() {
        var field = Field(
            name: "Mitigated  BY", location: .init(file: "a.md"), value: FieldItem(text: "", location: .init(file: "a.md")),
            items: [])
        #expect(field.key == "mitigated by")
        field.name = "Verified by"
        #expect(field.key == "verified by")
        var spec = FieldSpec("Entry points", .text)
        #expect(spec.key == "entry points")
        spec.name = "STRIDE"
        #expect(spec.key == "stride")
        var choices = Choices(["Not affected", "Fixed"], aliases: ["n/a": "Not affected"])
        #expect(choices.canonical("NOT   affected") == "Not affected")
        #expect(choices.canonical("n/a") == "Not affected")
        choices.values = ["Open"]
        #expect(choices.canonical("fixed") == nil)
        #expect(choices.canonical("OPEN") == "Open")
    }

    @Test func kindsByNameAndPrefix() {
        #expect(KindCatalog.kind(named: "Threat")?.name == "threat")
        #expect(KindCatalog.kind(named: "thr")?.name == "threat")
        #expect(KindCatalog.kind(named: " CTRL ")?.name == "control")
        #expect(KindCatalog.kind(named: "nothing") == nil)
        for kind in KindCatalog.all {
            #expect(KindCatalog.kind(named: kind.name) == kind)
            #expect(KindCatalog.kind(named: kind.prefix) == kind)
        }
        var table = PrefixTable()
        #expect(table.knows("THR") && !table.knows("HAZ"))
        table.add("HAZ", kind: "risk")
        #expect(table.knows("HAZ"))
        #expect(table.kind(forPrefix: "HAZ")?.name == "risk")
    }

    // MARK: - Field items

    static let fieldTexts: [String] = samples + [
        "Name: value", "Name:value", "Name:", "Name:  ", " Name : value", "Mitigated by: CTRL-001, CTRL-002",
        "Name:\tvalue", "Name:\r\nvalue", "1Name: x", "Na\tme: x", "Na me: x", "(a)/b'c&d_e-f: x", "Name!: x",
        String(repeating: "a", count: 40) + ": x", String(repeating: "a", count: 41) + ": x", "Name: a: b",
        "Ñame: x", "Name\u{301}: x", "Name:\u{301} x", "Name: \u{301}x", "Name:\u{A0}x", "Name\u{A0}: x",
        "\u{A0}Name: x", "Name: x\u{A0}", "Ναμε: x", ": x", " : x", "No colon here", "Name: café",
    ]

    @Test(arguments: fieldTexts)
    func splitFieldMatchesUnicode(text: String) {
        let fast = FieldListReader.splitField(text)
        let reference = FieldListReader.unicodeSplitField(text)
        #expect(fast?.0 == reference?.0)
        #expect(fast?.1 == reference?.1)
        #expect((fast == nil) == (reference == nil))
    }

    @Test func splitFieldReadsNameAndValue() throws {
        let (name, value) = try #require(FieldListReader.splitField("  Mitigated by :  CTRL-001 "))
        #expect(name == "Mitigated by")
        #expect(value == "CTRL-001")
        #expect(FieldListReader.splitField("Name:x") == nil)
        #expect(FieldListReader.splitField(String(repeating: "a", count: 41) + ": x") == nil)
    }

    // MARK: - Values

    @Test(arguments: [
        "CVE-2024-12345", "CVE-2024-1234", "CVE-2024-123", "CVE-24-12345", "CVE-2024-12345-1", "CVE-2024",
        "CVE-", "CVE", "CVE-abcd-12345", "CWE-79", "CWE-", "CWE-79a", "CWE-79-1", "CAPEC-60", "CAPEC-", "CAPECS-1",
        "CTRL-001", "C", "", "cve-2024-12345", "CVE-２０２４-12345", "CWE-7\u{301}", "CWE\u{301}-79", "CVE-2024-1234\u{301}",
        "THR-001", "CWE--79",
    ])
    func externalIDMatchesUnicode(id: String) {
        #expect(ExternalID.scheme(ofASCII: id) == ExternalID.unicodeScheme(id))
    }

    @Test(arguments: [
        "2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "2024-12-31", "2024-13-01", "2024-00-10", "2024-01-00",
        "2024-1-01", "24-01-01", "2024-01-011", "2024/01/01", "２０２４-01-01", "2024-01-0\u{301}", "2024-01-01 ",
        "", "none announced", "0000-02-29", "9999-12-31", "2024-04-31", "2024--01-01",
    ])
    func isDateMatchesUnicode(text: String) {
        #expect(FieldValidator.isDate(text) == FieldValidator.unicodeIsDate(text))
    }

    @Test(arguments: samples + [
        "CTRL-001, CTRL-002", "a,,b", ",a,", ",", "", "a ,\u{301}b", "é,x", "x,é", "a,\r\nb", "one",
    ])
    func commaSeparatedMatchesSplit(text: String) {
        #expect(FieldValidator.commaSeparated(text) == text.split(separator: ","))
    }

    // MARK: - Suggestions

    @Test func boundedDistanceMatchesTheFullDistance() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("AB0-1")
        for _ in 0..<3000 {
            let a = String((0..<next(8)).map { _ in alphabet[next(alphabet.count)] })
            var b = Array(a)
            for _ in 0..<next(4) {
                switch next(3) {
                case 0 where !b.isEmpty: b.remove(at: next(b.count))
                case 1: b.insert(alphabet[next(alphabet.count)], at: next(b.count + 1))
                default: if !b.isEmpty { b[next(b.count)] = alphabet[next(alphabet.count)] }
                }
            }
            let full = ReferenceResolver.distance(a, String(b))
            for limit in 0...3 {
                #expect(ReferenceResolver.distance(a, String(b), atMost: limit) == (full <= limit ? full : nil), "\(a) \(String(b))")
            }
        }
    }

    /// The message as subgen made it before `Suggestions` (the reference): every ID is scanned.
    static func referenceMessage(_ target: String, index: [String: Int]) -> String {
        var message = "no record with ID '\(target)'"
        guard let prefix = RecordID.parse(target)?.prefix else { return message }
        var scored: [(id: String, distance: Int)] = []
        for id in index.keys where id.hasPrefix(prefix + "-") {
            let distance = ReferenceResolver.distance(id, target)
            if distance <= 2 { scored.append((id, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
        let candidates = scored.prefix(3).map(\.id)
        if !candidates.isEmpty {
            message += "; did you mean " + candidates.map { "'\($0)'" }.joined(separator: " or ") + "?"
        }
        return message
    }

    @Test func suggestionsNameTheNearestIDsOfThePrefix() {
        let ids = ["CTRL-001", "CTRL-002", "CTRL-010", "CTRL-100", "CTRL-0011", "THR-001", "CTRLX-001", "CTRL-A.1", "CTRL-1-2"]
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let suggestions = ReferenceResolver.Suggestions(index: index)
        for target in ["CTRL-003", "CTRL-0111", "CTRL-1", "CTRL-A.2", "CTRL-12", "THR-999", "THR-01", "CTRLX-1", "nothing", "CTRL-"] {
            #expect(suggestions.unresolvedMessage(target) == Self.referenceMessage(target, index: index), "\(target)")
        }
        #expect(suggestions.unresolvedMessage("CTRL-003").hasPrefix("no record with ID 'CTRL-003'; did you mean 'CTRL-001' or 'CTRL-002'"))
    }

    // MARK: - Reading files

    @Test func filesReadStraightIntoArraysMatchFoundation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in [("empty.md", [UInt8]()), ("text.md", Array("# T\n\nbody é\n".utf8)),
                              ("large.md", (0..<300_000).map { UInt8(truncatingIfNeeded: $0 * 7) })] {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            #expect(Self.contents(ofFile: url.path) == [UInt8](try Data(contentsOf: url)))
        }
        #expect(Self.contents(ofFile: folder.appendingPathComponent("missing.md").path) == nil)
        #expect(Self.contents(ofFile: folder.path) == nil)
    }

    /// What the loader reads for `path`: its bytes, or nil when it is missing or cannot be read.
    static func contents(ofFile path: String) -> [UInt8]? {
        if case .bytes(let bytes) = ProjectFileReader.read(path) { return bytes }
        return nil
    }
}
