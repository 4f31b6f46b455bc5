import SubgenCore
import SubgenMarkdown

/// The project manifest, `subgen.md`: package title, submission facts and device description.
public struct Manifest: Hashable, Sendable {
    public static let fileName = "subgen.md"

    public var title: String
    public var location: SourceLocation
    public var fields: [Field]
    public var narrative: [MarkdownNode]
    /// Custom prefixes from `## ID prefixes`: prefix -> kind name.
    public var customPrefixes: [String: String]

    public var device: String? { text("Device") }
    public var manufacturer: String? { text("Manufacturer") }
    public var submissionType: String? {
        if case .choice(let value) = fields[key: "submission type"]?.parsed { return value }
        return nil
    }
    public var softwareVersion: String? { text("Device software version") }
    public var isCyberDevice: Bool {
        if case .flag(let value) = fields[key: "cyber device"]?.parsed { return value }
        return false
    }
    /// The package date (`YYYY-MM-DD`), never the clock.
    public var date: String? {
        if case .date(let value) = fields[key: "date"]?.parsed { return value }
        return nil
    }

    private func text(_ name: String) -> String? {
        guard let field = fields[key: FieldSpec.normalize(name)], !field.text.isEmpty else { return nil }
        return field.text
    }

    /// The fields a manifest knows.
    public static let fieldSpecs: [FieldSpec] = [
        FieldSpec("Device", .text, required: true),
        FieldSpec("Manufacturer", .text, required: true),
        FieldSpec(
            "Submission type",
            .choice(
                Choices(
                    ["510(k)", "Special 510(k)", "Abbreviated 510(k)", "PMA", "PMA supplement", "De Novo"],
                    aliases: ["traditional 510(k)": "510(k)", "denovo": "De Novo"])),
            required: true),
        FieldSpec("Device software version", .text),
        FieldSpec("Cyber device", .yesNo, required: true),
        FieldSpec("Date", .date()),
        FieldSpec("Templates", .text),
    ]

    /// The `Templates:` folder (custom templates, relative to the project) and where it is written.
    public var templates: (path: String, location: SourceLocation)? {
        guard let field = fields[key: "templates"], !field.text.isEmpty else { return nil }
        return (field.text, field.value.location)
    }
}
