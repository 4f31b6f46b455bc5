// The values the Mustache templates see. Templates are logic-less and see stored properties only, so every
// decision (links, statuses, escaping of narrative) is made in Swift; `{{text}}` is escaped by the template's
// content type (HTML or MARKDOWN) and only libcmark's output is inserted raw (`{{{html}}}`).

/// A piece of inline text, linked when `href` is set.
struct Fragment: Sendable {
    var text: String
    var href: String?
    /// Rendered as code (identifiers, hashes, paths).
    var code = false
    /// Separator printed before this fragment (`, ` between list items).
    var separator = ""
}

/// A table cell: fragments, and whether it marks a gap.
struct Cell: Sendable {
    var fragments: [Fragment]
    /// The cell shows a gap (missing link or failed result); templates highlight it.
    var gap = false

    init(_ fragments: [Fragment], gap: Bool = false) {
        self.fragments = fragments
        self.gap = gap
    }

    init(text: String, gap: Bool = false) {
        self.init(text.isEmpty ? [] : [Fragment(text: text)], gap: gap)
    }
}

struct Column: Sendable {
    var title: String
}

struct Row: Sendable {
    var cells: [Cell]
    /// The row has a gap in one of its cells.
    var gap: Bool
}

/// A generated table (risks, components, checklists, traceability...).
struct TableView: Sendable {
    var caption: String
    var columns: [Column]
    var rows: [Row]
    /// Shown instead of the table when there are no rows.
    var emptyText: String
    var isEmpty: Bool

    init(_ caption: String, columns: [String], rows: [[Cell]], empty: String = "None.") {
        self.caption = caption
        self.columns = columns.map(Column.init)
        self.rows = rows.map { Row(cells: $0, gap: $0.contains(where: \.gap)) }
        self.emptyText = empty
        self.isEmpty = rows.isEmpty
    }
}

/// A coverage finding as shown beside what it concerns and in the Overview.
struct FindingView: Sendable {
    var message: String
    /// `threats/ble.md:12:4`.
    var source: String
    /// Link to where the finding is shown in the package.
    var href: String
    var subject: String
}

/// One `Name: value` of a record.
struct FieldView: Sendable {
    var name: String
    var fragments: [Fragment]
}

/// A record rendered in its section.
struct RecordView: Sendable {
    var id: String
    var title: String
    var hasTitle: Bool
    var kind: String
    /// `threats/ble.md:12`.
    var source: String
    /// The heading level (HTML) and the matching `###` (Markdown).
    var level: Int
    var hashes: String
    var fields: [FieldView]
    var hasFields: Bool
    /// Narrative rendered by libcmark in the page's format.
    var narrative: String
    var hasNarrative: Bool
    var findings: [FindingView]
    var hasFindings: Bool
    var referencedBy: [Fragment]
    var hasReferencedBy: Bool
    /// An architecture view's diagrams and flow table.
    var diagram: DiagramView?
    var hasDiagram: Bool
}

/// What a VIEW record shows: the user's diagram, the generated one, and the flows as a table.
struct DiagramView: Sendable {
    /// The generated SVG, inlined in HTML (made by Graphviz from escaped text); nil without Graphviz.
    var svg: String?
    /// The same SVG as a file, relative to the page (Markdown shows it as an image).
    var image: String?
    /// The user's `Diagram:` file, shown as an image (so no script in an SVG runs).
    var userImage: String?
    var alt: String
    /// There is a picture to show (generated or the user's).
    var hasFigure: Bool
    var flows: TableView?
}

/// A narrative page placed in a section.
struct NarrativeView: Sendable {
    var title: String
    var source: String
    var narrative: String
}

/// A chapter or section of the package.
struct SectionView: Sendable {
    var number: String
    var anchor: String
    var heading: String
    var guidance: String
    var level: Int
    var hashes: String
    var status: String
    /// `complete`, `gaps` or `missing`, for styling.
    var statusClass: String
    var isMissing: Bool
    /// What the section expects, said when it is missing.
    var expectation: String
    var narratives: [NarrativeView]
    var tables: [TableView]
    var records: [RecordView]
    var findings: [FindingView]
    var hasFindings: Bool
    var sections: [SectionView]
}

/// A link in the chapter navigation.
struct NavItem: Sendable {
    var title: String
    var href: String
    var current: Bool
    var separator: String
}

/// A `Name: value` fact about the submission on the Overview.
struct FactView: Sendable {
    var name: String
    var value: String
}

/// The Overview (chapter 0).
struct OverviewView: Sendable {
    var facts: [FactView]
    /// The manifest's narrative (device description, intended use).
    var description: String
    var narratives: [NarrativeView]
    var summary: TableView
    var findings: [FindingView]
    var hasFindings: Bool
    var findingCount: Int
}

/// The Appendix: glossary and attachments (the record index is its own page).
struct AppendixView: Sendable {
    var recordIndexHref: String
    var glossary: TableView
    var attachments: TableView
}

/// One output page; exactly one of `overview`, `chapter`, `appendix` and `recordIndex` is set.
struct PageView: Sendable {
    var packageTitle: String
    var pageTitle: String
    var subtitle: String
    var generator: String
    var nav: [NavItem]
    var overview: OverviewView?
    var chapter: SectionView?
    var appendix: AppendixView?
    var recordIndex: TableView?
}
