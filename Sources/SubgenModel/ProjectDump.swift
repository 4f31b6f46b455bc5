import Foundation
import SubgenCore

/// The resolved model as stable JSON (`subgen dump --json`), for debugging and for other tools.
public enum ProjectDump {
    public static func json(_ project: Project) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(DumpProject(project))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    struct DumpProject: Encodable {
        var title: String
        var manifest: [DumpField]
        var customPrefixes: [String: String]
        var files: [String]
        var records: [DumpRecord]
        var pages: [DumpPage]

        init(_ project: Project) {
            title = project.manifest.title
            manifest = project.manifest.fields.map(DumpField.init)
            customPrefixes = project.manifest.customPrefixes
            files = project.files
            records = project.records.map { DumpRecord($0, backlinks: project.backlinks[$0.id] ?? [], project: project) }
            pages = project.pages.map(DumpPage.init)
        }
    }

    struct DumpLocation: Encodable {
        var file: String
        var line: Int
        var column: Int
        init(_ location: SourceLocation) {
            file = location.file
            line = location.line
            column = location.column
        }
    }

    struct DumpRecord: Encodable {
        var id: String
        var kind: String
        var title: String
        var location: DumpLocation
        var fields: [DumpField]
        var references: [DumpReference]
        var referencedBy: [DumpBacklink]

        init(_ record: Record, backlinks: [Backlink], project: Project) {
            id = record.id
            kind = record.kind
            title = record.title
            location = DumpLocation(record.location)
            fields = record.fields.map(DumpField.init)
            references = record.references.map { DumpReference($0, project: project) }
            referencedBy = backlinks.map(DumpBacklink.init)
        }
    }

    struct DumpPage: Encodable {
        var title: String
        var section: String
        var location: DumpLocation
        var fields: [DumpField]
        var references: [String]

        init(_ page: Page) {
            title = page.title
            section = page.section
            location = DumpLocation(page.location)
            fields = page.fields.map(DumpField.init)
            references = page.references.map(\.target)
        }
    }

    struct DumpField: Encodable {
        var name: String
        var text: String
        var known: Bool
        var value: DumpValue

        init(_ field: Field) {
            name = field.name
            text = field.text
            known = field.isKnown
            value = DumpValue(field.parsed)
        }
    }

    struct DumpReference: Encodable {
        var target: String
        var context: String
        var location: DumpLocation
        /// The target's kind, `external` for CVE/CWE/CAPEC, or `unresolved`.
        var resolvedKind: String

        init(_ reference: Reference, project: Project) {
            target = reference.target
            context = DumpReference.describe(reference.context)
            location = DumpLocation(reference.location)
            if reference.external != nil {
                resolvedKind = "external"
            } else {
                resolvedKind = project.record(reference.target)?.kind ?? "unresolved"
            }
        }

        static func describe(_ context: Reference.Context) -> String {
            switch context {
            case .field(let name): return "field:" + name
            case .narrative: return "narrative"
            }
        }
    }

    struct DumpBacklink: Encodable {
        var source: String
        var context: String
        var location: DumpLocation

        init(_ backlink: Backlink) {
            source = backlink.source
            context = DumpReference.describe(backlink.context)
            location = DumpLocation(backlink.location)
        }
    }

    /// A typed field value: `{"type": "...", ...}`.
    enum DumpValue: Encodable {
        case value(FieldValue)

        init(_ value: FieldValue) { self = .value(value) }

        enum Keys: String, CodingKey {
            case type, value, values, text, path, selector, name, zone, from, to, bidirectional, carries, step
            case `protocol`, authentication, encryption, references, elements, flows
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            guard case .value(let value) = self else { return }
            switch value {
            case .text(let text):
                try container.encode("text", forKey: .type)
                try container.encode(text, forKey: .value)
            case .choice(let choice):
                try container.encode("choice", forKey: .type)
                try container.encode(choice, forKey: .value)
            case .choices(let choices):
                try container.encode("choices", forKey: .type)
                try container.encode(choices, forKey: .values)
            case .references(let ids, let text):
                try container.encode("references", forKey: .type)
                try container.encode(ids, forKey: .values)
                if !text.isEmpty { try container.encode(text, forKey: .text) }
            case .flag(let flag):
                try container.encode("yes-no", forKey: .type)
                try container.encode(flag, forKey: .value)
            case .date(let date):
                try container.encode("date", forKey: .type)
                try container.encode(date, forKey: .value)
            case .noneAnnounced:
                try container.encode("date", forKey: .type)
                try container.encode("none announced", forKey: .value)
            case .file(let attachment):
                try container.encode("file", forKey: .type)
                try container.encode(attachment.path, forKey: .path)
                try container.encodeIfPresent(attachment.selector, forKey: .selector)
            case .items(let items):
                try container.encode("items", forKey: .type)
                try container.encode(items, forKey: .values)
            case .elements(let elements):
                try container.encode("elements", forKey: .type)
                try container.encode(elements.map { DumpElement(name: $0.name, zone: $0.zone) }, forKey: .elements)
            case .flows(let flows):
                try container.encode("flows", forKey: .type)
                try container.encode(flows.map(DumpFlow.init), forKey: .flows)
            case .invalid:
                try container.encode("invalid", forKey: .type)
            }
        }
    }

    struct DumpElement: Encodable {
        var name: String
        var zone: String?
    }

    struct DumpFlow: Encodable {
        var from: String
        var to: String
        var bidirectional: Bool
        var carries: String
        var step: Int
        var `protocol`: String?
        var authentication: String?
        var encryption: String?
        var references: [String]

        init(_ flow: ViewFlow) {
            from = flow.from
            to = flow.to
            bidirectional = flow.bidirectional
            carries = flow.carries
            step = flow.step
            self.protocol = flow.protocolName
            authentication = flow.authentication
            encryption = flow.encryption
            references = flow.references
        }
    }
}
