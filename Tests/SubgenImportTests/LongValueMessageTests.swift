import Foundation
import SubgenImport
import Testing

/// A value that an evidence file repeats in a message (an unknown status, a duplicate reference, a root element)
/// is quoted at most 80 characters long, as in record diagnostics: a 100,000-character value must not make a
/// 100,000-character diagnostic line.
@Suite struct LongValueMessageTests {
    static let long = String(repeating: "v", count: 100_000)

    /// The message quotes 80 characters of the value, then its length.
    static func expectShort(
        _ message: String?, _ reader: String, bytes: Int = 100_000, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(message?.contains("vvvvvvvvvv… (\(bytes) bytes)") == true,
            "\(reader): \(message?.prefix(200) ?? "no message")", sourceLocation: sourceLocation)
        #expect((message?.count ?? 0) < 300, "\(reader): \(message?.count ?? 0) characters", sourceLocation: sourceLocation)
    }

    static func issueMessages<T>(_ result: Result<T, ReadFailure>, _ issues: (T) -> [ReadIssue]) -> [String] {
        (try? result.get()).map(issues)?.map(\.message) ?? []
    }

    @Test func cycloneDX() {
        let text = #"""
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
              {"bom-ref": "\#(Self.long)", "type": "library", "name": "a"},
              {"bom-ref": "\#(Self.long)", "type": "library", "name": "b"}],
             "dependencies": [{"ref": "\#(String(repeating: "w", count: 50))\#(Self.long.dropFirst(50))"}]}
            """#
        let messages = Self.issueMessages(CycloneDXReader.read(Data(text.utf8)), \.issues)
        #expect(messages.count == 2, "\(messages.map { $0.prefix(100) })")
        for message in messages { Self.expectShort(message, "CycloneDX") }
        guard case .failure(let failure) = CycloneDXReader.read(Data(#"{"bomFormat": "\#(Self.long)"}"#.utf8)) else {
            Issue.record("a document of another format was read"); return
        }
        Self.expectShort(failure.message, "CycloneDX bomFormat")
    }

    @Test func spdx() {
        guard case .failure(let failure) = SPDXReader.read(Data(#"{"spdxVersion": "\#(Self.long)", "packages": []}"#.utf8)) else {
            Issue.record("an unknown SPDX version was read"); return
        }
        Self.expectShort(failure.message, "SPDX version")
    }

    @Test func openVEX() {
        let text = #"""
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "doc", "author": "me", "statements": [
              {"vulnerability": {"name": "CVE-1"}, "products": [{"@id": "pkg:x"}], "status": "\#(Self.long)"}]}
            """#
        let messages = Self.issueMessages(OpenVEXReader.read(Data(text.utf8)), \.issues)
        #expect(messages.count == 1)
        Self.expectShort(messages.first, "OpenVEX status")
    }

    @Test func sarif() {
        let text = #"""
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}},
              "results": [{"ruleId": "r", "level": "\#(Self.long)", "message": {"text": "m"}}]}]}
            """#
        let messages = Self.issueMessages(SARIFReader.read(Data(text.utf8)), \.issues)
        #expect(messages.count == 1)
        Self.expectShort(messages.first, "SARIF level")
    }

    @Test func junit() {
        // libxml2 refuses names over 50,000 characters.
        let name = Self.long.prefix(40_000)
        guard case .failure(let wrongRoot) = JUnitReader.read(Data("<\(name)/>".utf8)) else {
            Issue.record("a document of another root was read"); return
        }
        Self.expectShort(wrongRoot.message, "JUnit root", bytes: 40_000)
        guard case .failure(let truncated) = JUnitReader.read(Data("<testsuite>\n<\(name)>\n".utf8)) else {
            Issue.record("a truncated document was read"); return
        }
        Self.expectShort(truncated.message, "JUnit truncated", bytes: 40_000)
    }
}
