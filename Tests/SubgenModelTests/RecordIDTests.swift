import Testing
@testable import SubgenModel

/// Record ID syntax, external identifiers and the static syntax helpers of `FieldValidator`.
@Suite struct RecordIDTests {
    // MARK: - parse

    @Suite struct Parse {
        @Test func parsesAPlainID() throws {
            let match = try #require(RecordID.parse("THR-001"))
            #expect(match.id == "THR-001")
            #expect(match.prefix == "THR")
            #expect(match.offset == 0)
        }

        @Test(arguments: [
            ("AB-1", "AB"),
            ("ABCDEFGHIJ-1", "ABCDEFGHIJ"),  // 10 characters: the longest prefix
            ("A1-2", "A1"),
            ("R2D2-x", "R2D2"),
            ("CTRL-a", "CTRL"),
            ("THR-1.2", "THR"),
            ("THR-1-2", "THR"),
            ("THR-v1.2-rc.3", "THR"),
            ("THR-ABC", "THR"),
            ("THR-a.b-c", "THR"),
            ("CVE-2024-12345", "CVE"),
        ])
        func validIDs(id: String, prefix: String) throws {
            let match = try #require(RecordID.parse(id))
            #expect(match.id == id)
            #expect(match.prefix == prefix)
            #expect(match.offset == 0)
        }

        @Test(arguments: [
            "",
            "THR",
            "THR-",
            "A-1",  // prefix too short
            "ABCDEFGHIJK-1",  // prefix of 11 characters
            "1A-2",  // prefix starts with a digit
            "12-3",
            "thr-001",  // lowercase prefix
            "Thr-001",
            "tHR-001",
            "THR_001",
            "THR 001",
            "THR-.1",  // rest starts with '.'
            "THR--1",  // rest starts with '-'
            "THR-.",
            "THR-1.",  // trailing '.' is not part of the ID
            "THR-1-",  // trailing '-' is not part of the ID
            "THR-1..",
            " THR-1",
            "THR-1 ",
            "THR-1,",
            "THR-1_2",
            "THR-1é",
            "ÄB-1",
            "-THR-1",
            "[THR-1]",
        ])
        func invalidIDs(text: String) {
            #expect(RecordID.parse(text) == nil)
        }

        @Test func parseAcceptsSubstrings() throws {
            let text = "see THR-9 here"
            let substring = text.dropFirst(4).prefix(5)
            let match = try #require(RecordID.parse(substring))
            #expect(match.id == "THR-9")
            #expect(match.offset == 0)
        }
    }

    // MARK: - leading

    @Suite struct Leading {
        @Test(arguments: [
            ("THR-001: Spoofing", "THR-001"),
            ("THR-001 Spoofing", "THR-001"),
            ("THR-001", "THR-001"),
            ("THR-001. End", "THR-001"),
            ("THR-001.", "THR-001"),
            ("THR-1-", "THR-1"),
            ("THR-1.2.", "THR-1.2"),
            ("THR-1,THR-2", "THR-1"),
            ("AB-x/y", "AB-x"),
        ])
        func findsIDAtStart(text: String, id: String) throws {
            let match = try #require(RecordID.leading(text))
            #expect(match.id == id)
            #expect(match.offset == 0)
            #expect(match.prefix == String(id.prefix { $0 != "-" }))
        }

        @Test(arguments: [
            "",
            " THR-001",
            "Title THR-001",
            "thr-001 x",
            "A-1 x",
            "ABCDEFGHIJK-1 x",
            "THR- x",
            "THR-.x",
            "[THR-1] x",
            "# THR-1",
        ])
        func noIDAtStart(text: String) {
            #expect(RecordID.leading(text) == nil)
        }
    }

    // MARK: - all

    @Suite struct All {
        @Test func findsEveryStandaloneID() {
            let matches = RecordID.all(in: "THR-1 mitigated by CTRL-2, see (REQ-3) and AB-4.")
            #expect(matches.map(\.id) == ["THR-1", "CTRL-2", "REQ-3", "AB-4"])
            #expect(matches.map(\.prefix) == ["THR", "CTRL", "REQ", "AB"])
            #expect(matches.map(\.offset) == [0, 19, 32, 43])
        }

        @Test func offsetsAreUTF8BytesAfterNonASCII() {
            // "Ü " = 3 bytes; "Ü THR-1 ☃ " = 2 + 1 + 5 + 1 + 3 + 1 = 13 bytes; "𝄞" = 4 bytes.
            let matches = RecordID.all(in: "Ü THR-1 ☃ AB-2 𝄞 CD-3")
            #expect(matches.map(\.id) == ["THR-1", "AB-2", "CD-3"])
            #expect(matches.map(\.offset) == [3, 13, 23])
        }

        @Test func trailingDotsAndDashesAreExcluded() {
            let matches = RecordID.all(in: "See THR-1. Then THR-2-- and THR-3.4.")
            #expect(matches.map(\.id) == ["THR-1", "THR-2", "THR-3.4"])
            #expect(matches.map(\.offset) == [4, 16, 28])
        }

        @Test func idsGluedToPrecedingLettersOrDigitsAreNotMatched() {
            #expect(RecordID.all(in: "xTHR-1").isEmpty)
            #expect(RecordID.all(in: "1THR-1").isEmpty)
            #expect(RecordID.all(in: "_THR-1").isEmpty)
            #expect(RecordID.all(in: "éTHR-1").isEmpty)
            #expect(RecordID.all(in: "aTHR-1 THR-2").map(\.id) == ["THR-2"])
            #expect(RecordID.all(in: "aTHR-1 THR-2").map(\.offset) == [7])
        }

        @Test func tooLongPrefixIsNotMatchedFromItsMiddle() {
            #expect(RecordID.all(in: "ABCDEFGHIJK-1").isEmpty)
            #expect(RecordID.all(in: "x ABCDEFGHIJK-1 y").isEmpty)
        }

        @Test func idsGluedToFollowingLettersAreNotMatched() {
            // ASCII letters and digits after the dash are part of the ID itself.
            #expect(RecordID.all(in: "THR-1abc").map(\.id) == ["THR-1abc"])
            // A non-ASCII letter glued to the end means the word is not an ID.
            #expect(RecordID.all(in: "THR-1é").isEmpty)
            #expect(RecordID.all(in: "see THR-1ü and").isEmpty)
            #expect(RecordID.all(in: "THR-1_x").isEmpty)
        }

        @Test func punctuationSeparatesIDs() {
            let matches = RecordID.all(in: "THR-1,THR-2/THR-3;(THR-4)[THR-5]")
            #expect(matches.map(\.id) == ["THR-1", "THR-2", "THR-3", "THR-4", "THR-5"])
            #expect(matches.map(\.offset) == [0, 6, 12, 19, 26])
        }

        @Test func lowercaseAndShortPrefixesAreIgnored() {
            #expect(RecordID.all(in: "thr-1 Thr-2 A-3 1B-4 THR-").isEmpty)
        }

        @Test func emptyAndIDlessTextGiveNothing() {
            #expect(RecordID.all(in: "").isEmpty)
            #expect(RecordID.all(in: "Nothing to SEE - here").isEmpty)
        }

        @Test func externalIDsAreFoundToo() {
            let matches = RecordID.all(in: "CVE-2024-1234 and CWE-79")
            #expect(matches.map(\.id) == ["CVE-2024-1234", "CWE-79"])
            #expect(matches.map(\.prefix) == ["CVE", "CWE"])
        }
    }

    // MARK: - bracketed

    @Suite struct Bracketed {
        @Test func findsIDsInSquareBrackets() {
            let matches = RecordID.bracketed(in: "See [THR-001] and [AB-2].")
            #expect(matches.map(\.id) == ["THR-001", "AB-2"])
            #expect(matches.map(\.prefix) == ["THR", "AB"])
            #expect(matches.map(\.offset) == [5, 19])
        }

        @Test func offsetsAreUTF8BytesAfterNonASCII() {
            // "Übersicht ☃ [" = 10 + 1 + 3 + 1 + 1 = 16 bytes before the ID.
            let matches = RecordID.bracketed(in: "Übersicht ☃ [THR-1] 𝄞[AB-2]")
            #expect(matches.map(\.id) == ["THR-1", "AB-2"])
            #expect(matches.map(\.offset) == [16, 28])
        }

        @Test func adjacentAndDoubleBrackets() {
            let matches = RecordID.bracketed(in: "[THR-1][AB-2] [[CD-3]]")
            #expect(matches.map(\.id) == ["THR-1", "AB-2", "CD-3"])
            #expect(matches.map(\.offset) == [1, 8, 16])
        }

        @Test(arguments: [
            "[THR-1.]",  // the ID is not alone in the brackets
            "[THR-1-]",
            "[ THR-1]",
            "[THR-1 ]",
            "[thr-1]",
            "[A-1]",
            "[THR-1",
            "THR-1]",
            "[THR-1, AB-2]",
            "[]",
            "[",
            "(THR-1)",
            "[THR-]",
        ])
        func notBracketedIDs(text: String) {
            #expect(RecordID.bracketed(in: text).isEmpty)
        }

        @Test func dottedIDsInBrackets() {
            let matches = RecordID.bracketed(in: "[REQ-1.2.3] [REQ-a-b]")
            #expect(matches.map(\.id) == ["REQ-1.2.3", "REQ-a-b"])
        }
    }

    // MARK: - External identifiers

    @Suite struct External {
        @Test(arguments: ["CVE-2024-1234", "CVE-1999-0001", "CVE-2021-44228", "CVE-2024-1234567"])
        func validCVEs(id: String) throws {
            let external = try #require(ExternalID(id))
            #expect(external.scheme == .cve)
            #expect(external.id == id)
            #expect(external.url == "https://www.cve.org/CVERecord?id=\(id)")
            #expect(RecordID.isExternal(id))
        }

        @Test(arguments: [
            "CVE-2024-123",  // fewer than 4 digits
            "CVE-24-1234",  // 2-digit year
            "CVE-20245-1234",  // 5-digit year
            "CVE-2024",
            "CVE-",
            "CVE",
            "CVE-2024-",
            "CVE-2024-1234-5",
            "CVE--2024-1234",
            "CVE-2024-12a4",
            "CVE-20x4-1234",
            "cve-2024-1234",
            "Cve-2024-1234",
            "CVE-２０２４-1234",  // full-width digits
            "CVE-2024-１２３４",
            " CVE-2024-1234",
            "CVE-2024-1234 ",
        ])
        func invalidCVEs(id: String) {
            #expect(ExternalID(id) == nil)
            #expect(!RecordID.isExternal(id))
        }

        @Test func cwe() throws {
            let external = try #require(ExternalID("CWE-79"))
            #expect(external.scheme == .cwe)
            #expect(external.id == "CWE-79")
            #expect(external.url == "https://cwe.mitre.org/data/definitions/79.html")
            #expect(ExternalID("CWE-1321")?.url == "https://cwe.mitre.org/data/definitions/1321.html")
        }

        @Test func capec() throws {
            let external = try #require(ExternalID("CAPEC-60"))
            #expect(external.scheme == .capec)
            #expect(external.id == "CAPEC-60")
            #expect(external.url == "https://capec.mitre.org/data/definitions/60.html")
        }

        @Test(arguments: [
            "CWE-", "CWE", "CWE-79a", "CWE-7-9", "CWE--79", "cwe-79", "CWE-x", "CWE-٧٩",
            "CAPEC-", "CAPEC", "CAPEC-6O", "CAPEC-60-1", "capec-60",
            "THR-1", "OWASP-1", "", "-79",
        ])
        func invalidCWEAndCAPEC(id: String) {
            #expect(ExternalID(id) == nil)
            #expect(!RecordID.isExternal(id))
        }

        @Test func schemesAndReservedPrefixes() {
            #expect(ExternalID.Scheme.cve.rawValue == "CVE")
            #expect(ExternalID.Scheme.cwe.rawValue == "CWE")
            #expect(ExternalID.Scheme.capec.rawValue == "CAPEC")
            #expect(ExternalID.prefixes == ["CVE", "CWE", "CAPEC"])
        }

        @Test func recordIDsAreNotExternal() {
            #expect(!RecordID.isExternal("THR-001"))
            #expect(!RecordID.isExternal("CVES-2024-1234"))
            #expect(RecordID.isExternal("CWE-0"))
        }
    }

    // MARK: - FieldValidator.isDate

    @Suite struct Dates {
        @Test(arguments: [
            "2024-01-01", "2024-12-31", "1999-06-30", "2024-02-29",  // leap year
            "2000-02-29",  // divisible by 400
            "2023-02-28", "2024-04-30", "2024-01-31", "2024-03-31", "2024-05-31", "2024-07-31",
            "2024-08-31", "2024-10-31", "2024-09-30", "2024-06-30", "2024-11-30", "0001-01-01", "9999-12-31",
        ])
        func validDates(text: String) {
            #expect(FieldValidator.isDate(text))
        }

        @Test(arguments: [
            "2023-02-29",  // not a leap year
            "1900-02-29",  // divisible by 100 but not 400
            "2100-02-29",
            "2024-02-30",
            "2024-04-31", "2024-06-31", "2024-09-31", "2024-11-31",
            "2024-01-32",
            "2024-13-01", "2024-00-10", "2024-01-00", "2024-99-99",
            "2024-1-01", "2024-01-1", "24-01-01", "02024-01-01", "2024-001-01",
            "2024/01/01", "2024.01.01", "20240101", "2024-01", "2024-01-01-01",
            "2024-01-01T00:00", " 2024-01-01", "2024-01-01 ", "", "--",
            "YYYY-MM-DD", "2024-0a-01", "+024-01-01", "2024-+1-01", "2024--1-01",
            "２０２４-01-01",  // full-width digits
            "٢٠٢٤-٠١-٠١",  // Arabic-Indic digits
        ])
        func invalidDates(text: String) {
            #expect(!FieldValidator.isDate(text))
        }
    }

    // MARK: - FieldValidator.isCVSS

    @Suite struct CVSS {
        static let v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        static let v30 = "CVSS:3.0/AV:L/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:N"
        static let v40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
        static let v2 = "AV:N/AC:L/Au:N/C:P/I:P/A:P"

        @Test(arguments: ["0", "0.0", "1", "5.5", "7.5", "9.9", "10", "10.0", "09.1"])
        func validScores(text: String) {
            #expect(FieldValidator.isCVSS(text))
        }

        @Test(arguments: [
            "10.1", "11", "99", "100", "7.55", "7.", ".5", "-1", "-0.5", "1e1", "7,5", "1.2.3", "010", "7.5.",
            "0x5", "NaN", "inf", "٧.٥",
        ])
        func invalidScores(text: String) {
            #expect(!FieldValidator.isCVSS(text))
        }

        @Test(arguments: [v31, v30, v40, v2])
        func validVectors(vector: String) {
            #expect(FieldValidator.isCVSS(vector))
        }

        @Test(arguments: [v31, v30, v40, v2])
        func scoreFollowedByVector(vector: String) {
            #expect(FieldValidator.isCVSS("9.8 \(vector)"))
            #expect(FieldValidator.isCVSS("9.8 (\(vector))"))
            #expect(FieldValidator.isCVSS("10 (\(vector))"))
            #expect(FieldValidator.isCVSS("9.8  \t(\(vector))"))
        }

        @Test(arguments: [
            "",
            "   ",
            "high",
            "CVSS:3.1",  // a version with no metrics
            "CVSS:3.1/",
            "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P",  // v2 vectors have no version label
            "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:4/AV:N",
            "cvss:3.1/AV:N",
            "AV:N/",
            "/AV:N",
            "AV:N//AC:L",
            "AV:N/AC",
            "AV:N/AC:",
            "AV:N/:L",
            "AV:N:X",
            "AV=N/AC=L",
            "AV:N/AC:L-",
            "AV:Ñ",
            "7.5 high",
            "7.5 8.0",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H 9.8",  // vector before score
            "11 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  // score out of range
            "9.8 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H extra",
            "9.8 CVSS:3.1/AV:N CVSS:3.1/AV:N",
            "CVSS:3.1/AV:N/AC:L CVSS:3.1/AV:N/AC:L",
            "high (CVSS:3.1/AV:N)",
        ])
        func junkIsRejected(text: String) {
            #expect(!FieldValidator.isCVSS(text))
        }
    }

    // MARK: - FieldValidator.isPackageURL

    @Suite struct PackageURL {
        @Test(arguments: [
            "pkg:npm/lodash@4.17.21",
            "pkg:npm/%40angular/core@1.0.0",
            "pkg:maven/org.apache.commons/commons-lang3@3.12.0",
            "pkg:golang/github.com/gorilla/mux@v1.8.0",
            "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
            "pkg:generic/openssl@3.0.0#subpath",
            "pkg:c++/boost",
            "pkg:a.b-c+d/x",
            "pkg:Npm/x",
            "pkg://npm/lodash",  // leading slashes after the scheme are ignored
            "pkg:/npm/lodash",
        ])
        func validPackageURLs(text: String) {
            #expect(FieldValidator.isPackageURL(text))
        }

        @Test(arguments: [
            "",
            "pkg:",
            "pkg:npm",
            "pkg:npm/",
            "pkg:/npm",
            "pkg:///",
            "npm/lodash",
            "purl:npm/lodash",
            "https://example.org/npm/lodash",
            " pkg:npm/lodash",
            "pkg:npm/lodash ",
            "pkg:npm/lo dash",
            "pkg:npm/lodash\n",
            "pkg:1npm/lodash",  // the type starts with a letter
            "pkg:-npm/lodash",
            "pkg:n_pm/lodash",
            "pkg:n@m/lodash",
            "pkg:ñpm/lodash",
        ])
        func invalidPackageURLs(text: String) {
            #expect(!FieldValidator.isPackageURL(text))
        }
    }

    // MARK: - FieldValidator.planElement

    @Suite struct PlanElement {
        @Test(arguments: 1...9)
        func idsP1ToP9(number: Int) {
            #expect(FieldValidator.planElement("P\(number)") == "P\(number)")
            #expect(FieldValidator.planElement("p\(number)") == "P\(number)")
        }

        @Test(arguments: [
            ("P5: Patch timeline", "P5"),
            ("P5 Patch timeline", "P5"),
            ("p5: patch timeline", "P5"),
            ("P5:", "P5"),
            ("P5 - anything", "P5"),
            ("P1.", "P1"),
            ("P9: Communication to customers", "P9"),
        ])
        func idFollowedByText(text: String, id: String) {
            #expect(FieldValidator.planElement(text) == id)
        }

        @Test(arguments: [
            ("Personnel responsible", "P1"),
            ("Vulnerability monitoring", "P2"),
            ("Known exploited vulnerabilities", "P3"),
            ("Periodic security testing", "P4"),
            ("Patch timeline", "P5"),
            ("Update process", "P6"),
            ("Patching capability", "P7"),
            ("Coordinated vulnerability disclosure", "P8"),
            ("Communication to customers", "P9"),
        ])
        func namesMatchTheirElement(name: String, id: String) {
            #expect(FieldValidator.planElement(name) == id)
            #expect(FieldValidator.planElement(name.uppercased()) == id)
            #expect(FieldValidator.planElement(name.lowercased()) == id)
        }

        @Test func namesIgnoreExtraWhitespace() {
            #expect(FieldValidator.planElement("patch   TIMELINE") == "P5")
            #expect(FieldValidator.planElement("  Update\tprocess  ") == "P6")
        }

        @Test(arguments: [
            "P10", "P0", "P", "P11", "P19", "P99", "P5x", "P5a", "PP5", "5", "Q5", "",
            "Patch", "Patch timelines", "timeline", "Patch-timeline", "P-5",
        ])
        func rejectsOtherText(text: String) {
            #expect(FieldValidator.planElement(text) == nil)
        }

        @Test func everyGuidanceElementHasAnID() {
            #expect(Guidance.planElements.map(\.id) == ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"])
        }
    }
}
