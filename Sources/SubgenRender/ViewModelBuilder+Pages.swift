import SubgenModel
import SubgenPackage

extension ViewModelBuilder {
    /// Chapter 0: submission facts, device description, documentation summary and every finding.
    func overview() -> OverviewView {
        let manifest = project.manifest
        var facts = [
            FactView(name: "Device", value: manifest.device ?? "not stated"),
            FactView(name: "Manufacturer", value: manifest.manufacturer ?? "not stated"),
            FactView(name: "Submission type", value: manifest.submissionType ?? "not stated"),
        ]
        if let version = manifest.softwareVersion { facts.append(FactView(name: "Device software version", value: version)) }
        facts.append(
            FactView(
                name: "Cyber device (section 524B)",
                value: manifest.isCyberDevice ? "Yes: chapter 7 maps the 524B(b) items" : "No"))
        if let date = manifest.date { facts.append(FactView(name: "Package date", value: date)) }

        var rows: [[Cell]] = []
        for section in analysis.chapters.flatMap(\.flattened) {
            let status = analysis.status(of: section)
            let count = analysis.allFindings(in: section).count
            rows.append([
                Cell([Fragment(text: section.heading, href: linker.href(ofSection: section.number))]),
                Cell(text: section.guidance),
                Cell(text: status.rawValue, gap: status != .complete),
                Cell(text: count == 0 ? "" : "\(count)"),
            ])
        }
        let summary = TableView(
            "Status of every chapter and section", columns: ["Chapter or section", "Guidance", "Status", "Findings"], rows: rows)
        let findings = analysis.findings.map(findingView)
        let overviewPages = project.pages(inSection: "overview").map { page in
            NarrativeView(
                title: page.title, source: "\(page.file):\(page.location.line)",
                narrative: narrative(page.narrative, offset: 1))
        }
        return OverviewView(
            facts: facts, description: narrative(manifest.narrative, offset: 1), narratives: overviewPages,
            summary: summary, findings: findings, hasFindings: !findings.isEmpty, findingCount: findings.count)
    }

    /// The appendix: glossary of terms and ID prefixes, and attachments with their SHA-256.
    func appendix() -> AppendixView {
        var glossary = Self.glossary.map { [Cell(text: $0.term), Cell(text: $0.meaning)] }
        for prefix in project.prefixes.sortedPrefixes {
            let title = project.prefixes.kind(forPrefix: prefix)?.title ?? prefix
            glossary.append([Cell([Fragment(text: "\(prefix)-…", code: true)]), Cell(text: "ID prefix of a record: \(title.lowercased())")])
        }
        let attachmentRows = attachments.map { attachment in
            [
                Cell([Fragment(text: attachment.path, href: linker.href(ofAttachment: attachment.path), code: true)]),
                Cell([Fragment(text: attachment.sha256, code: true)]),
                Cell(references(attachment.referencedBy)),
            ]
        }
        return AppendixView(
            recordIndexHref: linker.recordIndex,
            glossary: TableView("Glossary", columns: ["Term", "Meaning"], rows: glossary),
            attachments: TableView(
                "Attachments", columns: ["File", "SHA-256", "Referenced by"], rows: attachmentRows,
                empty: "No record attaches a file."))
    }

    /// Every record: ID, kind, title, where it is rendered and where it is written.
    func recordIndexTable() -> TableView {
        let rows = project.records.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.map { record in
            let section = PackageOutline.section(forKind: record.kind)
            return [
                Cell([Fragment(text: record.id, href: linker.href(ofRecord: record.id))]),
                Cell(text: KindCatalog.kind(named: record.kind)?.title ?? record.kind),
                Cell(text: record.title),
                Cell(section.map { [Fragment(text: $0.heading, href: linker.href(ofSection: $0.number))] } ?? []),
                Cell([Fragment(text: "\(record.file):\(record.location.line)", code: true)]),
            ]
        }
        return TableView(
            "Record index", columns: ["ID", "Kind", "Title", "Section", "Source"], rows: rows,
            empty: "The project has no records.")
    }

    static let glossary: [(term: String, meaning: String)] = [
        ("CAPEC", "Common Attack Pattern Enumeration and Classification (MITRE)"),
        ("CVE", "Common Vulnerabilities and Exposures identifier"),
        ("CVSS", "Common Vulnerability Scoring System"),
        ("CWE", "Common Weakness Enumeration (MITRE)"),
        ("Cyber device", "A device meeting section 524B(c) of the FD&C Act: it includes software, connects to the internet and could be vulnerable to cybersecurity threats"),
        ("NTIA minimum elements", "The SBOM data fields recommended by NTIA: supplier, component name, version, unique identifiers, dependency relationship, SBOM author and timestamp"),
        ("PURL", "Package URL, a unique identifier of a software package"),
        ("QMSR", "Quality Management System Regulation, 21 CFR 820 incorporating ISO 13485:2016"),
        ("SBOM", "Software Bill of Materials"),
        ("SPDF", "Secure Product Development Framework"),
        ("STRIDE", "Spoofing, Tampering, Repudiation, Information disclosure, Denial of service, Elevation of privilege"),
        ("VEX", "Vulnerability Exploitability eXchange: statements on whether a product is affected by a vulnerability"),
    ]
}
