import SubgenCore
import SubgenMarkdown
import SubgenModel
import SubgenPackage

/// An attachment copied into the package, with its SHA-256.
public struct PackagedAttachment: Hashable, Sendable {
    /// Project-relative path; also its path under the package's `attachments/` folder.
    public var path: String
    public var sha256: String
    /// IDs of the records naming it.
    public var referencedBy: [String]
}

/// Builds the view models of every page of one output tree (HTML or Markdown) from the package analysis.
struct ViewModelBuilder {
    let analysis: PackageAnalysis
    let format: OutputFormat
    let attachments: [PackagedAttachment]
    /// View record ID -> generated SVG.
    let diagrams: [String: String]
    let generator: String
    let linker: Linker

    var project: Project { analysis.project }

    init(
        analysis: PackageAnalysis, format: OutputFormat, attachments: [PackagedAttachment], diagrams: [String: String] = [:],
        generator: String
    ) {
        self.analysis = analysis
        self.format = format
        self.attachments = attachments
        self.diagrams = diagrams
        self.generator = generator
        self.linker = Linker(format: format, project: analysis.project)
    }

    /// Every page: file name (in the format's folder) and its view model, in navigation order.
    func pages() -> [(file: String, view: PageView)] {
        pageFiles.compactMap { file in page(file: file).map { (file, $0) } }
    }

    /// The file names of the pages (in the format's folder), in navigation order.
    var pageFiles: [String] {
        analysis.chapters.map { linker.file(ofChapter: $0.number) } + [linker.recordIndex]
    }

    /// The view model of the page in `file`, made on its own; nil if there is no such page.
    func page(file: String) -> PageView? {
        if file == linker.recordIndex {
            var index = page(title: "Record index", file: linker.recordIndex)
            index.recordIndex = recordIndexTable()
            return index
        }
        guard let chapter = analysis.chapters.first(where: { linker.file(ofChapter: $0.number) == file }) else { return nil }
        var view = page(title: chapter.number == "A" ? chapter.heading : chapterTitle(chapter), file: file)
        switch chapter.number {
        case "0": view.overview = overview()
        case "A": view.appendix = appendix()
        default: view.chapter = section(chapter, level: 1)
        }
        return view
    }

    private func chapterTitle(_ chapter: OutlineSection) -> String {
        chapter.number == "0" ? chapter.title : "\(chapter.number). \(chapter.title)"
    }

    private func page(title: String, file: String) -> PageView {
        let manifest = project.manifest
        let subtitle = [manifest.device, manifest.submissionType, manifest.date].compactMap { $0 }
            .joined(separator: " · ")
        var nav = analysis.chapters.map { chapter in
            let href = linker.file(ofChapter: chapter.number)
            return NavItem(
                title: chapter.number == "0" || chapter.number == "A" ? chapter.title : "\(chapter.number). \(chapter.title)",
                href: href, current: href == file, separator: " · ")
        }
        nav.append(NavItem(title: "Record index", href: linker.recordIndex, current: linker.recordIndex == file, separator: " · "))
        if !nav.isEmpty { nav[0].separator = "" }
        return PageView(
            packageTitle: manifest.title.isEmpty ? "Cybersecurity documentation" : manifest.title,
            pageTitle: title, subtitle: subtitle, generator: generator, nav: nav)
    }

    // MARK: Sections

    func section(_ outline: OutlineSection, level: Int) -> SectionView {
        let status = analysis.status(of: outline)
        // Records are independent of each other: their views are made on every core.
        let records = outline.kinds.flatMap { kind in project.records(ofKind: kind) }
            .concurrentMap { record(view: $0, level: level + 1) }
        let narratives = outline.pageSections.flatMap { project.pages(inSection: $0) }.map { page in
            NarrativeView(
                title: page.title, source: "\(page.file):\(page.location.line)",
                narrative: narrative(page.narrative, offset: level))
        }
        let findings = analysis.findings(forSection: outline.number).map(findingView)
        return SectionView(
            number: outline.number, anchor: Linker.anchor(ofSection: outline.number),
            heading: level == 1 ? chapterTitle(outline) : outline.heading, guidance: outline.guidance,
            level: level, hashes: String(repeating: "#", count: level), status: status.rawValue,
            statusClass: Self.statusClass(status), isMissing: status == .missing, expectation: outline.expectation,
            narratives: narratives, tables: tables(for: outline), records: records, findings: findings,
            hasFindings: !findings.isEmpty, sections: outline.sections.map { section($0, level: level + 1) })
    }

    static func statusClass(_ status: SectionStatus) -> String {
        switch status {
        case .complete: return "complete"
        case .gaps: return "gaps"
        case .missing: return "missing"
        }
    }

    // MARK: Records

    func record(view record: Record, level: Int) -> RecordView {
        let level = min(level, 6)
        let diagram = record.kind == "view" ? diagramView(ArchitectureView(record)) : nil
        // A view's flows are shown as a table under its diagram instead.
        var fields = record.fields.filter { diagram?.flows == nil || $0.key != "flows" }
            .map { FieldView(name: $0.name, fragments: fieldFragments($0)) }
        if let outcome = analysis.testEvidence.outcomes[record.id] {
            fields.append(
                FieldView(name: "Evidence shows", fragments: [Fragment(text: "\(outcome.verdict.rawValue): \(outcome.summary)")]))
        }
        let findings = analysis.findings(forRecord: record.id).map(findingView)
        let referencedBy = backlinkFragments(record.id)
        let narrative = narrative(record.narrative, offset: level - record.headingLevel)
        return RecordView(
            id: record.id, title: record.title, hasTitle: !record.title.isEmpty,
            kind: KindCatalog.kind(named: record.kind)?.title ?? record.kind,
            source: "\(record.file):\(record.location.line)", level: level,
            hashes: String(repeating: "#", count: level), fields: fields, hasFields: !fields.isEmpty,
            narrative: narrative, hasNarrative: !narrative.isEmpty, findings: findings,
            hasFindings: !findings.isEmpty, referencedBy: referencedBy, hasReferencedBy: !referencedBy.isEmpty,
            diagram: diagram, hasDiagram: diagram != nil)
    }

    /// A field's value: attachments link to their copies; IDs that resolve (or are CVE/CWE/CAPEC) link.
    func fieldFragments(_ field: Field) -> [Fragment] {
        if case .file(let attachment) = field.parsed {
            let selector = attachment.selector.map { "#" + $0 } ?? ""
            return [Fragment(text: attachment.written + selector, href: linker.href(ofAttachment: attachment.path), code: true)]
        }
        return linkified(field.text)
    }

    /// Text with every known ID linked.
    func linkified(_ text: String) -> [Fragment] {
        var fragments: [Fragment] = []
        let bytes = Array(text.utf8)
        var position = 0
        for match in RecordID.all(in: text) {
            guard let href = linker.href(ofID: match.id) else { continue }
            if match.offset > position {
                fragments.append(Fragment(text: String(decoding: bytes[position..<match.offset], as: UTF8.self)))
            }
            fragments.append(Fragment(text: match.id, href: href))
            position = match.offset + match.id.utf8.count
        }
        if position < bytes.count {
            fragments.append(Fragment(text: String(decoding: bytes[position...], as: UTF8.self)))
        }
        return fragments
    }

    /// Links to records, comma separated.
    func references(_ ids: [String]) -> [Fragment] {
        ids.enumerated().map { index, id in
            Fragment(text: id, href: linker.href(ofID: id), separator: index == 0 ? "" : ", ")
        }
    }

    private func backlinkFragments(_ id: String) -> [Fragment] {
        var seen = Set<String>()
        var sources: [Fragment] = []
        for backlink in project.backlinks[id] ?? [] where seen.insert(backlink.source).inserted {
            if project.record(backlink.source) != nil {
                sources.append(Fragment(text: backlink.source, href: linker.href(ofRecord: backlink.source)))
            } else if let page = project.pages.first(where: { $0.file == backlink.source }) {
                let section = PackageOutline.section(forPage: page.section)
                sources.append(Fragment(text: page.title, href: section.map { linker.href(ofSection: $0.number) }))
            }
        }
        for index in sources.indices.dropFirst() { sources[index].separator = ", " }
        return sources
    }

    func findingView(_ finding: CoverageFinding) -> FindingView {
        let location = finding.diagnostic.location
        switch finding.subject {
        case .record(let id):
            return FindingView(
                message: finding.message, source: "\(location.file):\(location.line):\(location.column)",
                href: linker.href(ofRecord: id) ?? "", subject: id)
        case .section(let number):
            return FindingView(
                message: finding.message, source: "\(location.file):\(location.line):\(location.column)",
                href: linker.href(ofSection: number), subject: PackageOutline.section(number)?.heading ?? number)
        }
    }

    // MARK: Narrative

    /// Narrative blocks made safe, with `[ID]` references linked and headings moved under the container.
    func narrative(_ blocks: [MarkdownNode], offset: Int) -> String {
        guard !blocks.isEmpty else { return "" }
        let document = MarkdownNode(.document, children: blocks)
            .sanitized()
            .rewritingText(linkReferences)
            .shiftingHeadings(by: offset)
        return format.render(document.children)
    }

    /// `[THR-004]` -> a link labelled `THR-004` to the record (or external page); unresolved IDs stay text.
    private func linkReferences(_ text: String) -> [MarkdownNode]? {
        let matches = RecordID.bracketed(in: text).filter { linker.href(ofID: $0.id) != nil }
        guard !matches.isEmpty else { return nil }
        let bytes = Array(text.utf8)
        var nodes: [MarkdownNode] = []
        var position = 0
        for match in matches {
            let start = match.offset - 1
            if start > position {
                nodes.append(MarkdownNode(.text(String(decoding: bytes[position..<start], as: UTF8.self))))
            }
            nodes.append(
                MarkdownNode(
                    .link(destination: linker.href(ofID: match.id) ?? "", title: ""),
                    children: [MarkdownNode(.text(match.id))]))
            position = match.offset + match.id.utf8.count + 1
        }
        if position < bytes.count {
            nodes.append(MarkdownNode(.text(String(decoding: bytes[position...], as: UTF8.self))))
        }
        return nodes
    }
}
