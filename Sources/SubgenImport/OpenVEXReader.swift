import Foundation
import SubgenCore

/// Reads OpenVEX documents: the 0.2.0 shape (a `vulnerability` object, `products` with `identifiers` and
/// `subcomponents`) and the older one in which `vulnerability`, `products` and `subcomponents` are plain strings.
public enum OpenVEXReader {
    public static func read(_ data: Data) -> Result<VEXDocument, ReadFailure> {
        // `@context` is judged first, so that another kind of JSON file is named as such rather than by the
        // first member it lacks.
        JSONEvidence.decode(Header.self, from: data)
            .flatMap(checkContext)
            .flatMap { JSONEvidence.decode(Document.self, from: data) }
            .map(document)
    }

    /// `https://openvex.dev/ns`, alone or followed by a version (`/v0.2.0`).
    private static let contextPrefix = "https://openvex.dev/ns"

    private static func checkContext(_ header: Header) -> Result<Void, ReadFailure> {
        switch header.context {
        case .notAnObject:
            return .failure(ReadFailure("not an OpenVEX document: the top level is not a JSON object"))
        case .absent:
            return .failure(ReadFailure("not an OpenVEX document: it has no @context"))
        case .notAString:
            return .failure(ReadFailure("not an OpenVEX document: @context is not a string"))
        case .text(let context):
            guard context == contextPrefix || context.hasPrefix(contextPrefix + "/") else {
                return .failure(ReadFailure("not an OpenVEX document: @context is \(DiagnosticText.quote(context))"))
            }
            return .success(())
        }
    }

    private static func document(_ decoded: Document) -> VEXDocument {
        var issues: [ReadIssue] = []
        var statements: [VEXStatement] = []
        for (index, raw) in decoded.statements.enumerated() {
            if let statement = statement(raw, at: "$.statements[\(index)]", issues: &issues) {
                statements.append(statement)
            }
        }
        return VEXDocument(
            id: nonEmpty(decoded.id), author: nonEmpty(decoded.author), timestamp: nonEmpty(decoded.timestamp),
            version: decoded.version?.text, statements: statements, issues: issues)
    }

    /// The statement as the model has it; nil when it names no vulnerability.
    private static func statement(_ raw: Statement, at path: String, issues: inout [ReadIssue]) -> VEXStatement? {
        guard let vulnerability = raw.vulnerability?.name else {
            // A statement about no vulnerability cannot be matched to anything: it is reported and left out.
            issues.append(ReadIssue(.error, "statement names no vulnerability", at: path))
            return nil
        }
        let status = status(raw.status, at: path + ".status", issues: &issues)
        let justification = nonEmpty(raw.justification)
        let impact = nonEmpty(raw.impactStatement)
        let action = nonEmpty(raw.actionStatement)
        switch status {
        case .notAffected where justification == nil && impact == nil:
            issues.append(
                ReadIssue(
                    .warning, "not_affected statement gives neither justification nor impact_statement (OpenVEX requires one)",
                    at: path))
        case .affected where action == nil:
            issues.append(ReadIssue(.warning, "affected statement gives no action_statement (OpenVEX requires one)", at: path))
        default:
            break
        }
        return VEXStatement(
            vulnerability: vulnerability, aliases: raw.vulnerability?.aliases ?? [],
            description: raw.vulnerability?.description, affects: affects(raw, at: path, issues: &issues), status: status,
            state: raw.status ?? "", justification: justification, detail: impact ?? nonEmpty(raw.statusNotes),
            responses: action.map { [$0] } ?? [], jsonPath: path)
    }

    /// The four OpenVEX statuses; anything else is reported and read as under investigation.
    private static func status(_ written: String?, at path: String, issues: inout [ReadIssue]) -> VEXStatement.Status {
        guard let written else {
            issues.append(ReadIssue(.error, "statement has no status", at: path))
            return .underInvestigation
        }
        guard let status = VEXStatement.Status(rawValue: written) else {
            issues.append(ReadIssue(.error, "unknown VEX status \(DiagnosticText.quote(written))", at: path))
            return .underInvestigation
        }
        return status
    }

    /// For each product, its subcomponents' names when it lists any (a legacy statement lists them beside its
    /// products), else its own; in order, each name once.
    ///
    /// OpenVEX has no products on the document level: only an encapsulating document (an in-toto attestation's
    /// subject) can give a statement its products, so a statement without any is incomplete on its own.
    private static func affects(_ statement: Statement, at path: String, issues: inout [ReadIssue]) -> [String] {
        let products = statement.products ?? []
        guard !products.isEmpty else {
            issues.append(ReadIssue(.error, "statement names no product", at: path))
            return []
        }
        var affects: [String] = []
        var seen: Set<String> = []
        for (index, product) in products.enumerated() {
            let productPath = "\(path).products[\(index)]"
            let parts: [(Component, String)]
            if let subcomponents = product.subcomponents, !subcomponents.isEmpty {
                parts = subcomponents.enumerated().map { ($1, "\(productPath).subcomponents[\($0)]") }
            } else if let shared = statement.subcomponents, !shared.isEmpty {
                parts = shared.enumerated().map { ($1, "\(path).subcomponents[\($0)]") }
            } else {
                parts = [(product, productPath)]
            }
            for (component, componentPath) in parts {
                let names = component.names
                if names.isEmpty {
                    issues.append(ReadIssue(.warning, "component names neither @id nor identifiers.purl", at: componentPath))
                }
                for name in names where seen.insert(name).inserted {
                    affects.append(name)
                }
            }
        }
        return affects
    }

    /// Empty strings count as absent.
    private static func nonEmpty(_ text: String?) -> String? {
        text.flatMap { $0.isEmpty ? nil : $0 }
    }

    // MARK: - The JSON shape

    /// Only `@context`, read before the rest of the document.
    private struct Header: Decodable {
        enum Context {
            case notAnObject, absent, notAString
            case text(String)
        }

        var context: Context

        private enum Key: String, CodingKey {
            case context = "@context"
        }

        init(from decoder: any Decoder) throws {
            guard let container = try? decoder.container(keyedBy: Key.self) else {
                context = .notAnObject
                return
            }
            if !container.contains(.context) || (try? container.decodeNil(forKey: .context)) == true {
                context = .absent
            } else if let text = try? container.decode(String.self, forKey: .context) {
                context = .text(text)
            } else {
                context = .notAString
            }
        }
    }

    private struct Document: Decodable {
        var id: String?
        var author: String?
        var timestamp: String?
        var version: Version?
        var statements: [Statement]

        private enum CodingKeys: String, CodingKey {
            case id = "@id"
            case author, timestamp, version, statements
        }
    }

    /// The document `version`: an integer in 0.2.0, written as a string by some tools.
    private struct Version: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                text = String(number)
            } else if let number = try? container.decode(Double.self) {
                text = String(number)
            } else if let string = try? container.decode(String.self) {
                text = string
            } else {
                throw DecodingError.typeMismatch(
                    String.self,
                    DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "version is a number or a string"))
            }
        }
    }

    private struct Statement: Decodable {
        var vulnerability: Vulnerability?
        var products: [Component]?
        /// Legacy documents list subcomponents beside the products, as strings.
        var subcomponents: [Component]?
        var status: String?
        var justification: String?
        var impactStatement: String?
        var statusNotes: String?
        var actionStatement: String?

        private enum CodingKeys: String, CodingKey {
            case vulnerability, products, subcomponents, status, justification
            case impactStatement = "impact_statement"
            case statusNotes = "status_notes"
            case actionStatement = "action_statement"
        }
    }

    /// A vulnerability object (`@id`, `name`, `description`, `aliases`) or a legacy plain string.
    private struct Vulnerability: Decodable {
        var id: String?
        var writtenName: String?
        var description: String?
        var aliases: [String]?

        /// `name`, else the legacy string, else the last path component of `@id`; nil when none is given.
        var name: String? {
            if let name = nonEmpty(writtenName) { return name }
            guard let id = nonEmpty(id) else { return nil }
            let trimmed = id.hasSuffix("/") ? String(id.dropLast()) : id
            return trimmed.split(separator: "/").last.map(String.init) ?? id
        }

        private enum CodingKeys: String, CodingKey {
            case id = "@id"
            case writtenName = "name"
            case description, aliases
        }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                writtenName = text
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            writtenName = try container.decodeIfPresent(String.self, forKey: .writtenName)
            description = nonEmpty(try container.decodeIfPresent(String.self, forKey: .description))
            aliases = try container.decodeIfPresent([String].self, forKey: .aliases)
        }
    }

    /// A product or subcomponent: an object (`@id`, `identifiers`, `subcomponents`) or a legacy string.
    private struct Component: Decodable {
        var id: String?
        var purl: String?
        var subcomponents: [Component]?

        /// `@id` and `identifiers.purl` (a legacy string as written), without empty strings.
        var names: [String] { [id, purl].compactMap(nonEmpty) }

        private enum CodingKeys: String, CodingKey {
            case id = "@id"
            case identifiers, subcomponents
        }

        private struct Identifiers: Decodable {
            var purl: String?
        }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                id = text
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            purl = try container.decodeIfPresent(Identifiers.self, forKey: .identifiers)?.purl
            subcomponents = try container.decodeIfPresent([Component].self, forKey: .subcomponents)
        }
    }
}
