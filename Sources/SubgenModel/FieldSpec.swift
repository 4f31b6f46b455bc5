/// One field a kind of record knows: its name, type and whether it is required.
public struct FieldSpec: Hashable, Sendable {
    /// The name as documented, e.g. `Mitigated by`.
    public var name: String
    public var type: FieldType
    public var required: Bool

    public init(_ name: String, _ type: FieldType, required: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
    }

    /// The lookup key: lowercased with runs of whitespace collapsed to one space.
    public var key: String { Self.normalize(name) }

    /// Field names and enum values match case-insensitively with spaces collapsed.
    public static func normalize(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
