/// What a field's value must look like; each type is validated and parsed by `FieldValidator`.
public enum FieldType: Hashable, Sendable {
    /// Free text.
    case text
    /// One value from a fixed list.
    case choice(Choices)
    /// A comma-separated list of values from a fixed list.
    case choiceList(Choices)
    /// A comma-separated list of record IDs whose kinds are in `kinds` (empty: any kind).
    /// With `single`, exactly one ID; with `allowText`, entries that are not IDs are kept as text.
    case references(kinds: [String], single: Bool = false, allowText: Bool = false)
    /// `yes` or `no`.
    case yesNo
    /// `YYYY-MM-DD`; with `allowNoneAnnounced`, also the words `none announced`.
    case date(allowNoneAnnounced: Bool = false)
    /// A path to a file inside the project, relative to the record's file, with one of `extensions`;
    /// with `selector`, it may end in `#selector` (a JUnit suite or case).
    case file(extensions: [String], selector: Bool = false)
    /// A CVSS base score (0.0 to 10.0), a CVSS vector, or both.
    case cvss
    /// A `CWE-N` identifier.
    case cwe
    /// A package URL (`pkg:type/name@version`).
    case purl
    /// Labeling recommendation ids `L1` to `L14`, comma-separated.
    case labelingItems
    /// One management-plan element, `P1` to `P9`, by id or name.
    case planElement
    /// A VIEW's nested list of elements, `Name (zone)`.
    case viewElements
    /// A VIEW's nested list of flows, `From -> To: what it carries`.
    case viewFlows
}

/// The allowed values of an enumerated field: canonical spellings plus accepted aliases.
public struct Choices: Hashable, Sendable {
    public var values: [String] {
        didSet { normalizedValues = Self.lookup(values) }
    }
    /// Alternative spelling (normalised) -> canonical value.
    public var aliases: [String: String]
    /// Normalised value -> the first value with that normalisation (kept in step with `values`).
    private var normalizedValues: [String: String]

    public init(_ values: [String], aliases: [String: String] = [:]) {
        self.values = values
        self.aliases = aliases
        self.normalizedValues = Self.lookup(values)
    }

    /// The canonical spelling of `text`, matched case-insensitively with spaces collapsed.
    public func canonical(_ text: String) -> String? {
        let key = FieldSpec.normalize(text)
        return normalizedValues[key] ?? aliases[key]
    }

    private static func lookup(_ values: [String]) -> [String: String] {
        var lookup: [String: String] = [:]
        for value in values where lookup[FieldSpec.normalize(value)] == nil {
            lookup[FieldSpec.normalize(value)] = value
        }
        return lookup
    }
}
