/// A kind of record (threat, risk, control, ...): its default ID prefix, fields and guidance sections.
public struct Kind: Hashable, Sendable {
    /// Lowercase name used in the manifest's `ID prefixes` section and in messages, e.g. `threat`.
    public var name: String
    /// Default ID prefix, e.g. `THR`.
    public var prefix: String
    /// Human title, e.g. `Threat`.
    public var title: String
    /// Guidance sections this kind feeds (ids of guidance-map.md).
    public var sections: [String]
    public var fields: [FieldSpec]

    public init(name: String, prefix: String, title: String, sections: [String], fields: [FieldSpec]) {
        self.name = name
        self.prefix = prefix
        self.title = title
        self.sections = sections
        self.fields = fields
    }

    /// The field whose normalised name is `key`.
    public func field(_ key: String) -> FieldSpec? {
        fields.first { $0.key == key }
    }

    /// `a threat`, `an asset`: for messages.
    public var withArticle: String {
        let first = name.first.map { "aeiou".contains($0) } ?? false
        return (first ? "an " : "a ") + name
    }
}
