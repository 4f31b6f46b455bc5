import SubgenCore

/// A loaded project: the manifest, every record and page, and the resolved references between them.
public struct Project: Sendable {
    public var manifest: Manifest
    public var prefixes: PrefixTable
    /// Project-relative paths of the Markdown files read, in byte order.
    public var files: [String]
    /// Every record, ordered by file and position.
    public var records: [Record] {
        didSet {
            positionsByKind = Self.positionsByKind(records)
            kinds = records.map(\.kind)
        }
    }
    /// Narrative pages, ordered by file.
    public var pages: [Page]
    /// Record ID -> index in `records` (the first record with that ID).
    public var index: [String: Int]
    /// Record ID -> who refers to it, in source order, one entry per referring place.
    public var backlinks: [String: [Backlink]]
    /// Kind name -> positions in `records` of the records of that kind, in order (kept in step with `records`).
    private var positionsByKind: [String: [Int]]
    /// The kind of each record, by position (kept in step with `records`).
    private var kinds: [String]

    init(
        manifest: Manifest, prefixes: PrefixTable, files: [String], records: [Record], pages: [Page],
        index: [String: Int], backlinks: [String: [Backlink]]
    ) {
        self.manifest = manifest
        self.prefixes = prefixes
        self.files = files
        self.records = records
        self.pages = pages
        self.index = index
        self.backlinks = backlinks
        self.positionsByKind = Self.positionsByKind(records)
        self.kinds = records.map(\.kind)
    }

    private static func positionsByKind(_ records: [Record]) -> [String: [Int]] {
        var positions: [String: [Int]] = [:]
        for position in records.indices { positions[records[position].kind, default: []].append(position) }
        return positions
    }

    /// The record with this ID.
    public func record(_ id: String) -> Record? {
        index[id].map { records[$0] }
    }

    /// The kind of the record with this ID (without copying the record).
    public func kind(of id: String) -> String? {
        index[id].map { kinds[$0] }
    }

    /// Records of kind `kind` (e.g. `threat`), in project order.
    public func records(ofKind kind: String) -> [Record] {
        (positionsByKind[kind] ?? []).map { records[$0] }
    }

    /// Whether the project has a record of kind `kind`.
    public func hasRecords(ofKind kind: String) -> Bool {
        positionsByKind[kind] != nil
    }

    /// Pages placed in guidance section `section`.
    public func pages(inSection section: String) -> [Page] {
        pages.filter { $0.section == section }
    }
}
