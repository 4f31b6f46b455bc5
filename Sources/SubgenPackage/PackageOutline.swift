/// A chapter or section of the package (guidance-map.md section 1): what it answers and what feeds it.
public struct OutlineSection: Hashable, Sendable {
    /// `0` to `7`, `A`, or `1.1` ... `3.2` for sections.
    public var number: String
    public var title: String
    /// The guidance sections it answers, as printed under its heading.
    public var guidance: String
    /// `Section:` ids of the narrative pages placed here.
    public var pageSections: [String]
    /// Kinds of record rendered here (each record is rendered in exactly one section).
    public var kinds: [String]
    /// What a reviewer expects here, said when the section has no content.
    public var expectation: String
    /// Subsections (chapters 1 and 3).
    public var sections: [OutlineSection]

    init(
        _ number: String, _ title: String, guidance: String, pages: [String] = [], kinds: [String] = [],
        expects expectation: String, sections: [OutlineSection] = []
    ) {
        self.number = number
        self.title = title
        self.guidance = guidance
        self.pageSections = pages
        self.kinds = kinds
        self.expectation = expectation
        self.sections = sections
    }

    /// `1.4 Software Bill of Materials`.
    public var heading: String { number == "A" ? title : "\(number) \(title)" }

    /// This section and its subsections, depth first.
    public var flattened: [OutlineSection] { [self] + sections.flatMap(\.flattened) }
}

/// The package's chapters, in order (guidance-map.md section 1).
public enum PackageOutline {
    public static let chapters: [OutlineSection] = [
        OutlineSection(
            "0", "Overview", guidance: "IV.D, Appendix 4", pages: ["overview"],
            expects: "the device description and the documentation summary"),
        OutlineSection(
            "1", "Cybersecurity Risk Management Report", guidance: "V.A, VI.B",
            expects: "the risk management report assembled from the sections below",
            sections: [
                OutlineSection(
                    "1.1", "Threat Model", guidance: "V.A.1", pages: ["V.A.1"],
                    kinds: ["asset", "interface", "threat"],
                    expects: "the threat modeling methodology and assumptions (a page with 'Section: V.A.1'), "
                        + "ASSET, IF and THR records"),
                OutlineSection(
                    "1.2", "Cybersecurity Risk Assessment", guidance: "V.A.2", pages: ["V.A.2"], kinds: ["risk"],
                    expects: "the scoring method and acceptance criteria (a page with 'Section: V.A.2') and RISK records"),
                OutlineSection(
                    "1.3", "Interoperability", guidance: "V.A.3", pages: ["V.A.3"],
                    expects: "IF records with their risks and controls, or a page with 'Section: V.A.3'"),
                OutlineSection(
                    "1.4", "Software Bill of Materials", guidance: "V.A.4(b)", kinds: ["sbom", "component"],
                    expects: "SBOM records naming machine-readable SBOM files, and SW records"),
                OutlineSection(
                    "1.5", "Vulnerability Assessment and Software Support", guidance: "V.A.4", pages: ["V.A.4"],
                    kinds: ["vulnerability"],
                    expects: "support status of every component, VULN records, or a page with 'Section: V.A.4'"),
                OutlineSection(
                    "1.6", "Unresolved Anomalies Assessment", guidance: "V.A.5", pages: ["V.A.5"], kinds: ["anomaly"],
                    expects: "ANOM records, or a page with 'Section: V.A.5' stating that none exist"),
                OutlineSection(
                    "1.7", "Traceability", guidance: "V.A to VI.A",
                    expects: "threats linked to risks, controls, requirements and tests"),
            ]),
        OutlineSection(
            "2", "Measures and Metrics", guidance: "V.A.6", pages: ["V.A.6"], kinds: ["metric"],
            expects: "MET records for the three V.A.6 metrics, or a page with 'Section: V.A.6' justifying their absence"),
        OutlineSection(
            "3", "Security Architecture", guidance: "V.B", pages: ["V.B"],
            expects: "the security controls and architecture views of the sections below",
            sections: [
                OutlineSection(
                    "3.1", "Security Controls", guidance: "V.B.1, Appendix 1", pages: ["V.B.1"],
                    kinds: ["control", "requirement"], expects: "CTRL and REQ records"),
                OutlineSection(
                    "3.2", "Architecture Views", guidance: "V.B.2, Appendix 2", pages: ["V.B.2"], kinds: ["view"],
                    expects: "VIEW records for the four view types, or a page with 'Section: V.B.2' explaining omissions"),
            ]),
        OutlineSection(
            "4", "Cybersecurity Testing", guidance: "V.C", pages: ["V.C"], kinds: ["test", "finding"],
            expects: "TEST records of each V.C type, with results, and FIND records"),
        OutlineSection(
            "5", "Labeling", guidance: "VI.A", pages: ["VI.A"], kinds: ["labeling"],
            expects: "LBL records addressing the labeling items L1 to L14"),
        OutlineSection(
            "6", "Cybersecurity Management Plan", guidance: "VI.B", pages: ["VI.B"], kinds: ["plan"],
            expects: "PLAN records for the plan elements P1 to P9, or a page with 'Section: VI.B'"),
        OutlineSection(
            "7", "Cyber Device (Section 524B)", guidance: "VII, FD&C Act 524B", pages: ["VII"],
            expects: "the Section 524B statement, generated for cyber devices"),
        OutlineSection(
            "A", "Appendix", guidance: "Appendix 5",
            expects: "the record index, glossary and attachments"),
    ]

    /// The chapters a project's package has: chapter 7 only for cyber devices.
    public static func chapters(cyberDevice: Bool) -> [OutlineSection] {
        chapters.filter { cyberDevice || $0.number != "7" }
    }

    /// Every chapter and section, depth first.
    public static let all: [OutlineSection] = chapters.flatMap(\.flattened)

    /// The section (or chapter without sections) where records of `kind` are rendered.
    public static func section(forKind kind: String) -> OutlineSection? {
        all.first { $0.kinds.contains(kind) }
    }

    /// The section (or chapter) where pages with `Section: id` are placed.
    public static func section(forPage id: String) -> OutlineSection? {
        all.first { $0.pageSections.contains(id) }
    }

    /// The section or chapter numbered `number`.
    public static func section(_ number: String) -> OutlineSection? {
        all.first { $0.number == number }
    }

    /// The chapter holding section `number` (`1` for `1.4`).
    public static func chapter(of number: String) -> OutlineSection? {
        let chapterNumber = number.split(separator: ".").first.map(String.init) ?? number
        return chapters.first { $0.number == chapterNumber }
    }
}
