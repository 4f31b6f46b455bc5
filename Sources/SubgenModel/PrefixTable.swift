/// Maps ID prefixes to kinds: the built-in prefixes plus the project's own from the manifest.
public struct PrefixTable: Hashable, Sendable {
    /// Prefix -> kind name.
    public private(set) var kinds: [String: String] {
        didSet { resolved = Self.resolve(kinds) }
    }
    /// Prefix -> kind, for the prefixes whose kind name is a built-in kind (kept in step with `kinds`).
    private var resolved: [String: Kind]

    /// The built-in prefixes only.
    public init() {
        kinds = Dictionary(uniqueKeysWithValues: KindCatalog.all.map { ($0.prefix, $0.name) })
        resolved = Self.resolve(kinds)
    }

    private static func resolve(_ kinds: [String: String]) -> [String: Kind] {
        kinds.compactMapValues(KindCatalog.kind(named:))
    }

    /// Adds `prefix` for the kind called `kind`.
    mutating func add(_ prefix: String, kind: String) {
        kinds[prefix] = kind
    }

    /// The kind records with this prefix have, or nil for an unknown prefix.
    public func kind(forPrefix prefix: String) -> Kind? {
        resolved[prefix]
    }

    /// Whether records with this prefix have a kind (`kind(forPrefix:) != nil`).
    public func knows(_ prefix: String) -> Bool {
        resolved[prefix] != nil
    }

    /// The kind of the record `id` would be, from its prefix.
    public func kind(forID id: String) -> Kind? {
        RecordID.parse(id).flatMap { kind(forPrefix: $0.prefix) }
    }

    /// All prefixes, sorted, for messages.
    public var sortedPrefixes: [String] { kinds.keys.sorted() }

    /// The prefixes that name records of kind `kind`, sorted.
    public func prefixes(of kind: String) -> [String] {
        kinds.filter { $0.value == kind }.map(\.key).sorted()
    }
}
