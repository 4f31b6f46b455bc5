/// The built-in kinds of record, with their default prefixes and fields (docs/record-format.md).
public enum KindCatalog {
    static let exploitability = Choices(["Low", "Medium", "High"])
    static let severity = Choices(["Negligible", "Minor", "Serious", "Critical", "Catastrophic"])
    static let stride = Choices(
        ["Spoofing", "Tampering", "Repudiation", "Information disclosure", "Denial of service",
         "Elevation of privilege"],
        aliases: [
            "s": "Spoofing", "t": "Tampering", "r": "Repudiation", "i": "Information disclosure",
            "d": "Denial of service", "e": "Elevation of privilege",
        ])
    /// The test types of section V.C, in guidance order.
    public static let testTypes = Choices(
        ["Requirement", "Threat mitigation", "Fuzz", "Attack surface", "Vulnerability chaining", "Closed box",
         "SCA", "Static analysis", "Dynamic analysis", "Penetration"],
        aliases: [
            "software composition analysis": "SCA", "penetration test": "Penetration",
            "fuzzing": "Fuzz", "robustness": "Fuzz", "security requirement": "Requirement",
        ])

    /// Every built-in kind, in package order.
    public static let all: [Kind] = [
        Kind(
            name: "asset", prefix: "ASSET", title: "Asset", sections: ["V.A.1"],
            fields: [FieldSpec("Type", .choice(Choices(["Data", "Function", "Component"])), required: true)]),
        Kind(
            name: "interface", prefix: "IF", title: "Interface", sections: ["V.A.1", "V.A.3"],
            fields: [
                FieldSpec("Protocol", .text, required: true),
                FieldSpec("Connects", .text),
                FieldSpec("Authentication", .text),
                FieldSpec("Encryption", .text),
                FieldSpec("Controls", .references(kinds: ["control"])),
            ]),
        Kind(
            name: "threat", prefix: "THR", title: "Threat", sections: ["V.A.1"],
            fields: [
                FieldSpec("Assets", .references(kinds: ["asset"]), required: true),
                FieldSpec("Entry points", .references(kinds: ["interface"], allowText: true)),
                FieldSpec("STRIDE", .choiceList(stride)),
                FieldSpec("Mitigated by", .references(kinds: ["control"]), required: true),
            ]),
        Kind(
            name: "risk", prefix: "RISK", title: "Cybersecurity risk", sections: ["V.A.2"],
            fields: [
                FieldSpec("Threats", .references(kinds: ["threat"]), required: true),
                FieldSpec("Exploitability", .choice(exploitability), required: true),
                FieldSpec("Severity", .choice(severity), required: true),
                FieldSpec("Controls", .references(kinds: ["control"]), required: true),
                FieldSpec("Residual exploitability", .choice(exploitability), required: true),
                FieldSpec("Acceptable", .yesNo, required: true),
                FieldSpec("Safety risk", .text),
            ]),
        Kind(
            name: "control", prefix: "CTRL", title: "Security control", sections: ["V.B.1"],
            fields: [
                FieldSpec("Category", .choice(Guidance.controlCategories), required: true),
                FieldSpec("Requirements", .references(kinds: ["requirement"])),
            ]),
        Kind(
            name: "requirement", prefix: "REQ", title: "Security requirement", sections: ["V.C"],
            fields: [
                FieldSpec("Controls", .references(kinds: ["control"])),
                FieldSpec("Verified by", .references(kinds: ["test"]), required: true),
            ]),
        Kind(
            name: "test", prefix: "TEST", title: "Test", sections: ["V.C"],
            fields: [
                FieldSpec(
                    "Verifies", .references(kinds: ["requirement", "control", "threat", "interface", "vulnerability"]),
                    required: true),
                FieldSpec("Type", .choice(testTypes), required: true),
                FieldSpec("Result", .choice(Choices(["Pass", "Fail", "Not run"]))),
                FieldSpec("Evidence", .file(extensions: ["xml", "sarif", "json"], selector: true)),
                FieldSpec("Date", .date()),
                FieldSpec("Performed by", .text),
                FieldSpec("Independent", .yesNo),
                FieldSpec("Scope", .text),
                FieldSpec("Duration", .text),
                FieldSpec("Methods", .text),
            ]),
        Kind(
            name: "finding", prefix: "FIND", title: "Test finding", sections: ["V.C", "V.A.5"],
            fields: [
                FieldSpec("Test", .references(kinds: ["test"], single: true), required: true),
                FieldSpec("Severity", .cvss, required: true),
                FieldSpec(
                    "Status", .choice(Choices(["Fixed", "Mitigated", "Accepted", "Open"])), required: true),
                FieldSpec(
                    "Resolved by",
                    .references(kinds: ["control", "requirement", "test", "anomaly", "vulnerability"])),
            ]),
        Kind(
            name: "sbom", prefix: "SBOM", title: "Machine-readable SBOM", sections: ["V.A.4"],
            fields: [
                FieldSpec("File", .file(extensions: ["json"]), required: true),
                FieldSpec("VEX", .file(extensions: ["json"])),
                FieldSpec("Author", .text),
                FieldSpec("Scope", .text),
            ]),
        Kind(
            name: "component", prefix: "SW", title: "Software component", sections: ["V.A.4"],
            fields: [
                FieldSpec("Name", .text, required: true),
                FieldSpec("Version", .text, required: true),
                FieldSpec("Supplier", .text, required: true),
                FieldSpec("PURL", .purl),
                FieldSpec("License", .text),
                FieldSpec(
                    "Support", .choice(Choices(["Maintained", "Limited", "Unsupported"])), required: true),
                FieldSpec("End of support", .date(allowNoneAnnounced: true), required: true),
                FieldSpec("Vulnerabilities", .references(kinds: ["vulnerability"])),
            ]),
        Kind(
            name: "vulnerability", prefix: "VULN", title: "Vulnerability assessment", sections: ["V.A.4"],
            fields: [
                FieldSpec("ID", .text, required: true),
                FieldSpec("Components", .references(kinds: ["component"]), required: true),
                FieldSpec("CVSS", .cvss),
                FieldSpec("Exploitable", .yesNo, required: true),
                FieldSpec("Controls", .references(kinds: ["control"])),
                FieldSpec(
                    "Status", .choice(Choices(["Not affected", "Fixed", "Mitigated", "Under investigation"])),
                    required: true),
            ]),
        Kind(
            name: "anomaly", prefix: "ANOM", title: "Unresolved anomaly", sections: ["V.A.5"],
            fields: [
                FieldSpec("Security impact", .yesNo, required: true),
                FieldSpec("CWE", .cwe),
                FieldSpec("Assessment", .text, required: true),
            ]),
        Kind(
            name: "metric", prefix: "MET", title: "Lifecycle metric", sections: ["V.A.6"],
            fields: [
                FieldSpec("Metric", .text, required: true),
                FieldSpec("Value", .text, required: true),
                FieldSpec("Period", .text),
            ]),
        Kind(
            name: "view", prefix: "VIEW", title: "Architecture view", sections: ["V.B.2"],
            fields: [
                FieldSpec(
                    "View",
                    .choice(
                        Choices(
                            Guidance.viewTypes,
                            aliases: ["updatability/patchability": "Updatability and patchability"])),
                    required: true),
                FieldSpec("Diagram", .file(extensions: ["svg", "png"])),
                FieldSpec("Elements", .viewElements),
                FieldSpec("Flows", .viewFlows),
                FieldSpec("Controls", .references(kinds: ["control"])),
                FieldSpec("Threats", .references(kinds: ["threat"])),
            ]),
        Kind(
            name: "labeling", prefix: "LBL", title: "Labeling statement", sections: ["VI.A"],
            fields: [
                FieldSpec("Addresses", .labelingItems, required: true),
                FieldSpec("Location", .text),
            ]),
        Kind(
            name: "plan", prefix: "PLAN", title: "Management plan element", sections: ["VI.B", "VII"],
            fields: [
                FieldSpec("Element", .planElement, required: true),
                FieldSpec("Timeline", .text),
                FieldSpec("Regular cycle", .text),
                FieldSpec("Out of cycle", .text),
            ]),
    ]

    /// The built-in kind called `name` (case-insensitive), or whose default prefix is `name`.
    public static func kind(named name: String) -> Kind? {
        byName[FieldSpec.normalize(name)].map { all[$0] }
    }

    /// Kind name or lowercased default prefix -> index in `all` (the first kind that answers to it).
    private static let byName: [String: Int] = {
        var names: [String: Int] = [:]
        for (position, kind) in all.enumerated() {
            if names[kind.name] == nil { names[kind.name] = position }
            if names[kind.prefix.lowercased()] == nil { names[kind.prefix.lowercased()] = position }
        }
        return names
    }()
}
