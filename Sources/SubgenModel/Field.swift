import SubgenCore

/// A `Name: value` item of a record's, page's or manifest's field list.
public struct Field: Hashable, Sendable {
    /// The name as written.
    public var name: String {
        didSet { key = FieldSpec.normalize(name) }
    }
    /// Where the name starts.
    public var location: SourceLocation
    /// The value on the field's own line (may be empty when the values are in a nested list).
    public var value: FieldItem
    /// One value per nested list item, if the field has a nested list.
    public var items: [FieldItem]
    /// The parsed value; `.text` for fields the kind does not know.
    public var parsed: FieldValue = .text("")
    /// Whether the kind knows this field (unknown fields are kept and rendered).
    public var isKnown = false

    public init(name: String, location: SourceLocation, value: FieldItem, items: [FieldItem]) {
        self.name = name
        self.location = location
        self.value = value
        self.items = items
        self.key = FieldSpec.normalize(name)
    }

    /// The normalised name used to look up the field (`FieldSpec.normalize(name)`, kept in step with `name`).
    public private(set) var key: String

    /// The values to validate: the nested items if there are any, else the line value (if not empty).
    public var values: [FieldItem] {
        if !items.isEmpty { return value.text.isEmpty ? items : [value] + items }
        return value.text.isEmpty ? [] : [value]
    }

    /// The value as one line of text: the line value, or the nested items joined with `; `.
    public var text: String {
        values.map(\.text).joined(separator: "; ")
    }
}

/// A field's value after validation, typed by its `FieldType`.
public enum FieldValue: Hashable, Sendable {
    case text(String)
    case choice(String)
    case choices([String])
    /// Reference IDs in order; for fields that allow text, also the non-ID entries.
    case references([String], text: [String])
    case flag(Bool)
    /// A `YYYY-MM-DD` date.
    case date(String)
    /// `none announced` (end of support).
    case noneAnnounced
    case file(Attachment)
    /// Labeling item or plan element ids (`L3`, `P5`).
    case items([String])
    case elements([ViewElement])
    case flows([ViewFlow])
    /// The value did not validate (an error was reported).
    case invalid
}

extension Array where Element == Field {
    /// The first field whose normalised name is `key` (`FieldSpec.normalize`).
    public subscript(key key: String) -> Field? {
        first { $0.key == key }
    }
}
