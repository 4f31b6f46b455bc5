import Foundation
import SubgenImport
import Testing

/// Inputs the fuzzers found (Fixtures/fuzz/<reader>, docs/fuzzing.md), fed to the reader whose fuzzer found
/// them: each must give a document or a `ReadFailure`, never a crash. Files named `crash-*` crashed the reader
/// before it was fixed, `leak-*` ones leaked.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")

    /// Each reader by its folder name under Fixtures/fuzz (the fuzz target's name in scripts/fuzz).
    static let readers: [String: @Sendable (Data) -> Result<Void, ReadFailure>] = [
        "cyclonedx": { CycloneDXReader.read($0).map { _ in } },
        "spdx": { SPDXReader.read($0).map { _ in } },
        "openvex": { OpenVEXReader.read($0).map { _ in } },
        "junit": { JUnitReader.read($0).map { _ in } },
        "sarif": { SARIFReader.read($0).map { _ in } },
    ]

    /// `reader/file` for every kept input.
    static let inputs: [String] = readers.keys.sorted().flatMap { reader in
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(reader).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(reader)/\($0)" }
    }

    static func data(_ input: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(input))
    }

    @Test func thereAreInputs() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs) func readsWithoutCrashing(_ input: String) throws {
        let reader = try #require(Self.readers[String(input.prefix { $0 != "/" })])
        if case .failure(let failure) = reader(try Self.data(input)) {
            #expect(!failure.message.isEmpty)
            #expect(failure.line >= 0 && failure.column >= 0)
        }
    }

    // MARK: - JUnit

    /// JUnit XML used to go through Foundation's XMLParser, which traps on names and comments that are not UTF-8
    /// (libxml2 passed them on while recovering from the error); libxml2's reader, used directly now, stops at
    /// the first bad byte.
    @Test(arguments: [
        ("crash-element-name-not-utf8.xml", 1, 2), ("crash-attribute-name-not-utf8.xml", 1, 13),
        ("crash-comment-not-utf8.xml", 1, 18), ("crash-processing-instruction-not-utf8.xml", 1, 4),
    ])
    func junitBytesThatAreNotUTF8AreAFailure(_ name: String, line: Int, column: Int) throws {
        let result = JUnitReader.read(try Self.data("junit/" + name))
        guard case .failure(let failure) = result else {
            Issue.record("read \(name) without a failure")
            return
        }
        #expect(failure.message.hasPrefix("invalid XML"))
        #expect(failure.message.contains("UTF-8") && failure.message.contains("0xFF"))
        #expect((failure.line, failure.column) == (line, column))
    }

    /// Foundation's XMLParser read a NULL pointer for a processing instruction without data (`<?name?>`, valid
    /// XML), also when an entity's replacement text holds one.
    @Test func junitProcessingInstructionsWithoutDataAreRead() throws {
        let report = try JUnitReader.read(try Self.data("junit/crash-processing-instruction-without-data.xml")).get()
        #expect(report.suites.map(\.name) == ["a"])
        #expect(report.suites.first?.cases.map(\.line) == [5])
        let entity = try JUnitReader.read(try Self.data("junit/crash-entity-with-processing-instruction.xml")).get()
        #expect(entity.suites.isEmpty)
    }

    @Test func junitBadByteOnALaterLineIsPlaced() {
        let xml = "<?xml version=\"1.0\"?>\n<testsuites>\n  <testsuite name=\"é\">\u{1}</testsuite>\n</testsuites>\n"
        var data = Data(xml.utf8)
        data.insert(0xC3, at: data.firstIndex(of: 0x01)!)
        guard case .failure(let failure) = JUnitReader.read(data) else {
            Issue.record("read without a failure")
            return
        }
        // Columns count bytes: the é is two, so the lone 0xC3 after `>` is the 24th byte of line 3.
        #expect((failure.line, failure.column) == (3, 24))
    }

    /// A billion-laughs document: libxml2's entity amplification limit stops it at once.
    @Test func junitEntityExpansionIsBounded() {
        var declarations = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let xml = "<!DOCTYPE t [\(declarations)]><testsuites><testsuite name=\"&lol9;\"/></testsuites>"
        guard case .failure(let failure) = JUnitReader.read(Data(xml.utf8)) else {
            Issue.record("a billion laughs were read")
            return
        }
        #expect(failure.message.hasPrefix("invalid XML"))
    }
}
