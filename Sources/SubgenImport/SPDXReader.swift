import Foundation
import SubgenCore

/// Reads SPDX 2.2 and 2.3 JSON (the `spdxVersion` / `packages` / `relationships` shape written by the SPDX tools,
/// Microsoft SBOM Tool, sigs.k8s.io/bom, Trivy, Syft, spdx-maven-plugin and others) into an `SBOMDocument`.
///
/// Packages become components; `files` and `snippets` do not, but relationships may name them. The dependency
/// graph is built from the relationship types listed in `dependencyDirection(_:)`. SPDX tag-value, SPDX 2.1
/// and earlier, and SPDX 3 JSON-LD are refused with a `ReadFailure` that says so.
public enum SPDXReader {
    public static func read(_ data: Data) -> Result<SBOMDocument, ReadFailure> {
        if let failure = formatFailure(data) {
            return .failure(failure)
        }
        return JSONEvidence.decode(Header.self, from: data)
            .flatMap(specVersion(of:))
            .flatMap { version in
                JSONEvidence.decode(Document.self, from: data).map { document(from: $0, specVersion: version) }
            }
    }

    /// The versions read, as `spdxVersion` writes them.
    private static let supportedVersions = ["SPDX-2.2", "SPDX-2.3"]

    // MARK: - Refusals before decoding

    /// Tag-value text and files that are empty but for a byte order mark and white space.
    private static func formatFailure(_ data: Data) -> ReadFailure? {
        let text = String(decoding: data, as: UTF8.self)
        let content = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if content.isEmpty {
            return ReadFailure("the file is empty", line: 1, column: 1)
        }
        if content.hasPrefix("SPDXVersion:") || content.hasPrefix("#") || containsTagValueVersionLine(text) {
            return ReadFailure(
                "SPDX tag-value is not supported: export the SBOM as SPDX JSON "
                    + "(for example `pyspdxtools -i FILE -o FILE.spdx.json`)",
                line: 1, column: 1)
        }
        return nil
    }

    /// A line that starts `SPDXVersion:` cannot occur in JSON, whose strings hold no raw line breaks.
    private static func containsTagValueVersionLine(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).contains { line in
            line.drop { $0 == " " || $0 == "\t" }.hasPrefix("SPDXVersion:")
        }
    }

    /// `2.3` for `SPDX-2.3`; a failure for other versions, SPDX 3 JSON-LD and JSON that is not SPDX.
    private static func specVersion(of header: Header) -> Result<String, ReadFailure> {
        guard let version = header.spdxVersion else {
            if header.isJSONLD {
                return .failure(
                    ReadFailure(
                        "SPDX 3 JSON-LD (`@context`/`@graph`) is not supported: subgen reads SPDX 2.2 and 2.3 JSON"))
            }
            return .failure(ReadFailure("not an SPDX document: no spdxVersion"))
        }
        guard supportedVersions.contains(version) else {
            return .failure(ReadFailure("unsupported SPDX version \(DiagnosticText.quote(version)); subgen reads SPDX 2.2 and 2.3 JSON"))
        }
        return .success(String(version.dropFirst("SPDX-".count)))
    }

    // MARK: - Conversion

    private static func document(from document: Document, specVersion: String) -> SBOMDocument {
        var issues: [ReadIssue] = []
        let packages = document.packages ?? []
        let components = components(from: packages, issues: &issues)
        let elements = ElementIndex(document: document)
        let relationships = document.relationships ?? []
        checkDocumentDescribes(document.documentDescribes ?? [], elements: elements, issues: &issues)
        checkRelationships(relationships, elements: elements, issues: &issues)
        let creators = creators(document.creationInfo?.creators ?? [])
        return SBOMDocument(
            format: .spdx, specVersion: specVersion, name: document.name, authors: creators.authors,
            tools: creators.tools, timestamp: document.creationInfo?.created,
            describes: describes(document, elements: elements), components: components,
            dependencies: dependencies(relationships), vulnerabilities: [], issues: issues)
    }

    /// `Tool: x` creators are tools, `Person: ...` and `Organization: ...` creators are authors, each without its
    /// prefix. A creator with no known prefix (not valid SPDX) is kept as an author, as written.
    private static func creators(_ creators: [String]) -> (authors: [String], tools: [String]) {
        var authors: [String] = []
        var tools: [String] = []
        for creator in creators {
            if let tool = value(of: creator, after: "Tool:") {
                if !tool.isEmpty { tools.append(tool) }
            } else if let party = value(of: creator, after: "Person:") ?? value(of: creator, after: "Organization:") {
                if !party.isEmpty { authors.append(party) }
            } else {
                let written = trimmed(creator)
                if !written.isEmpty { authors.append(written) }
            }
        }
        return (authors, tools)
    }

    // MARK: Packages

    /// One component per package, in document order, with issues for nameless packages and duplicate SPDXIDs.
    private static func components(from packages: [Package], issues: inout [ReadIssue]) -> [SBOMComponent] {
        var firstIndex: [String: Int] = [:]
        var components: [SBOMComponent] = []
        for (index, package) in packages.enumerated() {
            let path = "$.packages[\(index)]"
            let component = component(from: package, at: path)
            if component.ref.isEmpty {
                issues.append(ReadIssue(.error, "package has no SPDXID", at: path))
            } else if let first = firstIndex[component.ref] {
                issues.append(
                    ReadIssue(.error, "duplicate SPDXID \(DiagnosticText.quote(component.ref)) (first at $.packages[\(first)])", at: path))
            } else {
                firstIndex[component.ref] = index
            }
            if trimmed(component.name).isEmpty {
                issues.append(ReadIssue(.error, "package has no name", at: path))
            }
            components.append(component)
        }
        return components
    }

    private static func component(from package: Package, at path: String) -> SBOMComponent {
        let references = package.externalRefs ?? []
        return SBOMComponent(
            ref: package.spdxID ?? "",
            type: package.primaryPackagePurpose.map { trimmed($0).lowercased() }.flatMap { $0.isEmpty ? nil : $0 },
            name: package.name ?? "",
            version: package.versionInfo.flatMap { $0.isEmpty ? nil : $0 },
            supplier: party(package.supplier) ?? party(package.originator),
            purl: references.first { $0.referenceType == "purl" }?.locator,
            cpes: unique(references.filter { cpeTypes.contains($0.referenceType ?? "") }.compactMap(\.locator)),
            hashes: (package.checksums ?? []).compactMap(hash(from:)),
            licenses: licenses(concluded: package.licenseConcluded, declared: package.licenseDeclared),
            jsonPath: path)
    }

    private static let cpeTypes: Set<String> = ["cpe22Type", "cpe23Type"]

    /// `ACME` for `Organization: ACME` or `Person: ACME`; nil for `NOASSERTION`, `NONE` and empty values.
    private static func party(_ written: String?) -> String? {
        guard let written else { return nil }
        let name =
            value(of: written, after: "Organization:") ?? value(of: written, after: "Person:") ?? trimmed(written)
        return isSpecified(name) ? name : nil
    }

    /// `licenseConcluded`, then `licenseDeclared` when it differs; `NOASSERTION`, `NONE` and empty values left out.
    private static func licenses(concluded: String?, declared: String?) -> [String] {
        unique([concluded, declared].compactMap { $0.map(trimmed) }.filter(isSpecified))
    }

    /// A checksum with the algorithm named as CycloneDX names it and the value in lowercase; nil when a part is
    /// missing.
    private static func hash(from checksum: Checksum) -> SBOMHash? {
        guard let algorithm = checksum.algorithm.map(trimmed), !algorithm.isEmpty,
            let value = checksum.checksumValue.map(trimmed), !value.isEmpty
        else { return nil }
        return SBOMHash(algorithm: cycloneDXAlgorithm(algorithm), value: value.lowercased())
    }

    /// SPDX checksum algorithms (`SHA1`, `SHA256`, `SHA3-256`, `BLAKE2b-256`...) by the CycloneDX name; those
    /// CycloneDX has no name for (`SHA224`, `MD2`, `MD4`, `MD6`, `ADLER32`) stay as written.
    private static func cycloneDXAlgorithm(_ algorithm: String) -> String {
        let key = algorithm.uppercased().replacingOccurrences(of: "-", with: "")
        return cycloneDXAlgorithms[key] ?? algorithm
    }

    private static let cycloneDXAlgorithms: [String: String] = [
        "MD5": "MD5", "SHA1": "SHA-1", "SHA256": "SHA-256", "SHA384": "SHA-384", "SHA512": "SHA-512",
        "SHA3256": "SHA3-256", "SHA3384": "SHA3-384", "SHA3512": "SHA3-512",
        "BLAKE2B256": "BLAKE2b-256", "BLAKE2B384": "BLAKE2b-384", "BLAKE2B512": "BLAKE2b-512", "BLAKE3": "BLAKE3",
    ]

    // MARK: Relationships

    /// `documentDescribes`, then the targets of `SPDXRef-DOCUMENT DESCRIBES X` and the sources of
    /// `X DESCRIBED_BY SPDXRef-DOCUMENT`, without repeats.
    private static func describes(_ document: Document, elements: ElementIndex) -> [String] {
        var described = document.documentDescribes ?? []
        for relationship in document.relationships ?? [] {
            guard let source = relationship.source, let target = relationship.target else { continue }
            switch relationship.type?.uppercased() {
            case "DESCRIBES" where elements.isDocument(source): described.append(target)
            case "DESCRIBED_BY" where elements.isDocument(target): described.append(source)
            default: break
            }
        }
        return unique(described.filter(isSpecified))
    }

    /// Whether a relationship type is a dependency, and which way: `.forward` when the element depends on the
    /// related element, `.reversed` when the related element depends on the element.
    ///
    /// Dependencies are the dependency types (`DEPENDS_ON` and every `*DEPENDENCY_OF`: runtime, build, dev, test,
    /// optional, provided), containment (`CONTAINS`, `CONTAINED_BY`), linking (`DYNAMIC_LINK`, `STATIC_LINK`) and
    /// prerequisites (`HAS_PREREQUISITE`, `PREREQUISITE_FOR`). Everything else (`DESCRIBES`, `GENERATED_FROM`,
    /// `GENERATES`, `DOCUMENTATION_OF`, `TEST_CASE_OF`, `METAFILE_OF`, `DEPENDENCY_MANIFEST_OF`, `BUILD_TOOL_OF`,
    /// `PACKAGE_OF`, `OPTIONAL_COMPONENT_OF`, `VARIANT_OF`, `AMENDS`, `OTHER`...) is not.
    private static func dependencyDirection(_ type: String) -> DependencyDirection? {
        switch type.uppercased() {
        case "DEPENDS_ON", "CONTAINS", "DYNAMIC_LINK", "STATIC_LINK", "HAS_PREREQUISITE":
            return .forward
        case "DEPENDENCY_OF", "CONTAINED_BY", "RUNTIME_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF", "DEV_DEPENDENCY_OF",
            "TEST_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF", "PREREQUISITE_FOR":
            return .reversed
        default:
            return nil
        }
    }

    private enum DependencyDirection {
        case forward, reversed
    }

    /// The dependency relationships grouped by the depending element, in the order each first appears; each entry
    /// points at the relationship that created it. Edges to or from `NOASSERTION`/`NONE` are left out.
    private static func dependencies(_ relationships: [Relationship]) -> [SBOMDependency] {
        var order: [String] = []
        var entries: [String: SBOMDependency] = [:]
        for (index, relationship) in relationships.enumerated() {
            guard let edge = dependencyEdge(relationship) else { continue }
            if entries[edge.from] == nil {
                order.append(edge.from)
                let path = "$.relationships[\(index)]"
                entries[edge.from] = SBOMDependency(ref: edge.from, dependsOn: [], jsonPath: path)
            }
            if entries[edge.from]?.dependsOn.contains(edge.to) == false {
                entries[edge.from]?.dependsOn.append(edge.to)
            }
        }
        return order.compactMap { entries[$0] }
    }

    private static func dependencyEdge(_ relationship: Relationship) -> (from: String, to: String)? {
        guard let type = relationship.type, let direction = dependencyDirection(type),
            let source = relationship.source, isSpecified(source),
            let target = relationship.target, isSpecified(target)
        else { return nil }
        return direction == .forward ? (source, target) : (target, source)
    }

    /// Warnings for relationships that miss a member or name an element the document does not define.
    private static func checkRelationships(
        _ relationships: [Relationship], elements: ElementIndex, issues: inout [ReadIssue]
    ) {
        for (index, relationship) in relationships.enumerated() {
            let path = "$.relationships[\(index)]"
            let members = [
                ("spdxElementId", relationship.source), ("relationshipType", relationship.type),
                ("relatedSpdxElement", relationship.target),
            ]
            let missing = members.filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty {
                issues.append(ReadIssue(.warning, "relationship has no \(missing.joined(separator: " or "))", at: path))
            }
            let endpoints = [relationship.source, relationship.target].compactMap(\.self)
            for element in endpoints where !elements.isKnown(element) {
                issues.append(ReadIssue(.warning, "relationship names unknown element \(DiagnosticText.quote(element))", at: path))
            }
        }
    }

    /// Warnings for `documentDescribes` entries that name an element the document does not define.
    private static func checkDocumentDescribes(
        _ described: [String], elements: ElementIndex, issues: inout [ReadIssue]
    ) {
        for (index, element) in described.enumerated() where !elements.isKnown(element) {
            let message = "documentDescribes names unknown element \(DiagnosticText.quote(element))"
            issues.append(ReadIssue(.warning, message, at: "$.documentDescribes[\(index)]"))
        }
    }

    /// The SPDXIDs a relationship may name: the document, its packages, files and snippets.
    private struct ElementIndex {
        var documentIDs: Set<String>
        var elementIDs: Set<String>

        init(document: Document) {
            documentIDs = Set(["SPDXRef-DOCUMENT"] + [document.spdxID].compactMap(\.self))
            let elements = (document.packages ?? []).map(\.spdxID) + (document.files ?? []).map(\.spdxID)
                + (document.snippets ?? []).map(\.spdxID)
            elementIDs = Set(elements.compactMap(\.self))
        }

        func isDocument(_ id: String) -> Bool {
            documentIDs.contains(id)
        }

        /// Known elements, `NOASSERTION`/`NONE`, and elements of external documents (`DocumentRef-x:SPDXRef-y`).
        func isKnown(_ id: String) -> Bool {
            let external = id.hasPrefix("DocumentRef-") && id.contains(":")
            return !isSpecified(id) || isDocument(id) || elementIDs.contains(id) || external
        }
    }

    // MARK: - Helpers

    /// `x-1.0` for `Tool: x-1.0` and prefix `Tool:`; nil when the text does not start with the prefix.
    private static func value(of text: String, after prefix: String) -> String? {
        let text = trimmed(text)
        guard text.hasPrefix(prefix) else { return nil }
        return trimmed(String(text.dropFirst(prefix.count)))
    }

    /// False for `NOASSERTION`, `NONE` and empty text, which SPDX uses for "no value".
    private static func isSpecified(_ value: String) -> Bool {
        let value = trimmed(value)
        return !value.isEmpty && value != "NOASSERTION" && value != "NONE"
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The values in their first-appearance order, each once.
    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

// MARK: - The SPDX 2.x JSON shape (only the members subgen uses; every member optional)

/// What decides whether the file is read at all: the version, or the marks of SPDX 3 JSON-LD.
private struct Header: Decodable {
    var spdxVersion: String?
    var isJSONLD: Bool

    enum CodingKeys: String, CodingKey {
        case spdxVersion
        case context = "@context"
        case graph = "@graph"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        spdxVersion = try container.decodeIfPresent(String.self, forKey: .spdxVersion)
        isJSONLD = container.contains(.context) || container.contains(.graph)
    }
}

private struct Document: Decodable {
    var spdxID: String?
    var name: String?
    var creationInfo: CreationInfo?
    var documentDescribes: [String]?
    var packages: [Package]?
    var files: [Element]?
    var snippets: [Element]?
    var relationships: [Relationship]?

    enum CodingKeys: String, CodingKey {
        case spdxID = "SPDXID"
        case name, creationInfo, documentDescribes, packages, files, snippets, relationships
    }
}

private struct CreationInfo: Decodable {
    var created: String?
    var creators: [String]?
}

private struct Package: Decodable {
    var spdxID: String?
    var name: String?
    var versionInfo: String?
    var supplier: String?
    var originator: String?
    var externalRefs: [ExternalReference]?
    var checksums: [Checksum]?
    var licenseConcluded: String?
    var licenseDeclared: String?
    var primaryPackagePurpose: String?

    enum CodingKeys: String, CodingKey {
        case spdxID = "SPDXID"
        case name, versionInfo, supplier, originator, externalRefs, checksums, licenseConcluded, licenseDeclared
        case primaryPackagePurpose
    }
}

private struct ExternalReference: Decodable {
    var referenceType: String?
    var locator: String?

    enum CodingKeys: String, CodingKey {
        case referenceType
        case locator = "referenceLocator"
    }
}

private struct Checksum: Decodable {
    var algorithm: String?
    var checksumValue: String?
}

/// A file or snippet: only its SPDXID matters, as a relationship endpoint.
private struct Element: Decodable {
    var spdxID: String?

    enum CodingKeys: String, CodingKey {
        case spdxID = "SPDXID"
    }
}

private struct Relationship: Decodable {
    var source: String?
    var type: String?
    var target: String?

    enum CodingKeys: String, CodingKey {
        case source = "spdxElementId"
        case type = "relationshipType"
        case target = "relatedSpdxElement"
    }
}
