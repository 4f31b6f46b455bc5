import SubgenCore

/// A loaded project: the manifest, every record and page, and the resolved references between them.
public struct Project: Sendable {
    public var manifest: Manifest
    public var prefixes: PrefixTable
    /// Project-relative paths of the Markdown files read, in byte order.
    public var files: [String]
    /// Every record, ordered by file and position.
    public var records: [Record]
    /// Narrative pages, ordered by file.
    public var pages: [Page]
    /// Record ID -> index in `records` (the first record with that ID).
    public var index: [String: Int]
    /// Record ID -> who refers to it, in source order, one entry per referring place.
    public var backlinks: [String: [Backlink]]

    /// The record with this ID.
    public func record(_ id: String) -> Record? {
        index[id].map { records[$0] }
    }

    /// Records of kind `kind` (e.g. `threat`), in project order.
    public func records(ofKind kind: String) -> [Record] {
        records.filter { $0.kind == kind }
    }

    /// Pages placed in guidance section `section`.
    public func pages(inSection section: String) -> [Page] {
        pages.filter { $0.section == section }
    }
}
