import Foundation
import SubgenCore

/// Reads CycloneDX JSON (spec 1.4 to 1.6, newer 1.x with a warning) as generators and scanners write it
/// (cyclonedx-php-composer, cyclonedx-py, cyclonedx-node-npm, Trivy): metadata, nested components,
/// dependencies and embedded vulnerabilities with their analysis (VEX).
public enum CycloneDXReader {
    /// The oldest and newest `1.x` minor versions subgen knows.
    private static let oldestMinor = 4
    private static let newestMinor = 6

    public static func read(_ data: Data) -> Result<SBOMDocument, ReadFailure> {
        // Header and body in one pass when the whole document fits (the common case); the result is what the
        // two steps below give then.
        if case .success(let both) = JSONEvidence.decode(HeaderAndBOM.self, from: data) {
            return versionIssues(both.header).map { document(from: both.bom, versionCheck: $0) }
        }
        // The header first, so that another kind of JSON (SPDX, OpenVEX) or an old spec version is named as
        // such instead of failing on whatever member of the body does not fit.
        return JSONEvidence.decode(Header.self, from: data)
            .flatMap(versionIssues)
            .flatMap { versionCheck in
                JSONEvidence.decode(BOM.self, from: data).map { document(from: $0, versionCheck: versionCheck) }
            }
    }

    // MARK: - Format and spec version

    /// The warning for a spec version newer than subgen knows; a failure for anything that is not CycloneDX
    /// 1.4 or later.
    private static func versionIssues(_ header: Header) -> Result<(version: String, issues: [ReadIssue]), ReadFailure> {
        guard let format = header.bomFormat else {
            return .failure(ReadFailure("not a CycloneDX document: it has no bomFormat"))
        }
        guard format == "CycloneDX" else {
            return .failure(ReadFailure("not a CycloneDX document: bomFormat is \(DiagnosticText.quote(format))"))
        }
        guard let version = header.specVersion else {
            return .failure(ReadFailure("CycloneDX document has no specVersion"))
        }
        guard let minor = minorVersion(version), minor >= oldestMinor else {
            return .failure(
                ReadFailure("unsupported CycloneDX spec version \(version); subgen reads 1.\(oldestMinor) to 1.\(newestMinor)"))
        }
        guard minor <= newestMinor else {
            let message =
                "spec version \(version) is newer than 1.\(newestMinor), the newest subgen knows; read as 1.\(newestMinor)"
            return .success((version, [ReadIssue(.warning, message, at: "$.specVersion")]))
        }
        return .success((version, []))
    }

    /// The minor version of a `1.x` spec version; nil for anything else (`2.0`, `1.5.1`, `v1.5`).
    private static func minorVersion(_ version: String) -> Int? {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "1", !parts[1].isEmpty,
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return Int(parts[1])
    }

    // MARK: - Document

    private static func document(from bom: BOM, versionCheck: (version: String, issues: [ReadIssue])) -> SBOMDocument {
        var assembly = Assembly()
        let described = bom.metadata?.component
        if let described {
            assembly.add(described, at: "$.metadata.component", parent: nil)
        }
        for (index, component) in (bom.components ?? []).enumerated() {
            assembly.add(component, at: "$.components[\(index)]", parent: nil)
        }
        let dependencies = (bom.dependencies ?? []).enumerated().map { index, dependency in
            SBOMDependency(ref: dependency.ref, dependsOn: dependency.dependsOn ?? [], jsonPath: "$.dependencies[\(index)]")
        }
        let dependencyIssues = unknownRefs(in: dependencies, known: assembly.firstPaths)
        let (vulnerabilities, vulnerabilityIssues) = statements(bom.vulnerabilities ?? [])
        let describedRef = described?.bomRef ?? ""
        return SBOMDocument(
            format: .cycloneDX,
            specVersion: versionCheck.version,
            name: described?.name,
            authors: authors(bom.metadata),
            tools: bom.metadata?.tools?.entries.compactMap(toolText) ?? [],
            timestamp: bom.metadata?.timestamp,
            describes: describedRef.isEmpty ? [] : [describedRef],
            components: assembly.components,
            dependencies: dependencies,
            vulnerabilities: vulnerabilities,
            issues: versionCheck.issues + assembly.issues + dependencyIssues + vulnerabilityIssues)
    }

    /// `metadata.authors` as `name <email>`, `name` or `email`; without authors, the organisation that made
    /// the product (`manufacture` before 1.6, `manufacturer` from 1.6) or else its `supplier`.
    private static func authors(_ metadata: Metadata?) -> [String] {
        let written = (metadata?.authors ?? []).compactMap(contactText)
        if !written.isEmpty { return written }
        let organisations = [metadata?.manufacture, metadata?.manufacturer, metadata?.supplier]
        return organisations.lazy.compactMap { nonEmpty($0?.name) }.first.map { [$0] } ?? []
    }

    private static func contactText(_ contact: Contact) -> String? {
        switch (nonEmpty(contact.name), nonEmpty(contact.email)) {
        case let (name?, email?): return "\(name) <\(email)>"
        case let (name?, nil): return name
        case let (nil, email?): return email
        case (nil, nil): return nil
        }
    }

    /// `name version`, or the name alone; nil for a tool without a name.
    private static func toolText(_ tool: Tool) -> String? {
        guard let name = nonEmpty(tool.name) else { return nil }
        return nonEmpty(tool.version).map { "\(name) \($0)" } ?? name
    }

    /// Warnings for dependency refs that name no component (the described component included).
    private static func unknownRefs(in dependencies: [SBOMDependency], known: [String: String]) -> [ReadIssue] {
        var issues: [ReadIssue] = []
        for dependency in dependencies {
            if known[dependency.ref] == nil {
                issues.append(unknownRef(dependency.ref, at: dependency.jsonPath))
            }
            for (index, ref) in dependency.dependsOn.enumerated() where known[ref] == nil {
                issues.append(unknownRef(ref, at: "\(dependency.jsonPath).dependsOn[\(index)]"))
            }
        }
        return issues
    }

    private static func unknownRef(_ ref: String, at path: String) -> ReadIssue {
        ReadIssue(.warning, "dependency names unknown bom-ref \(DiagnosticText.quote(ref))", at: path)
    }

    // MARK: - Components

    /// Flattens components in document order, nested ones after their parent, and collects the problems
    /// that do not stop reading (nameless components, duplicate bom-refs).
    private struct Assembly {
        var components: [SBOMComponent] = []
        var issues: [ReadIssue] = []
        /// The path of the first component with each non-empty bom-ref.
        var firstPaths: [String: String] = [:]

        /// Adds a component and, after it, its nested components; `parent` is the ref of the component it sits in
        /// (empty when that one has no bom-ref, nil at the top).
        mutating func add(_ component: Component, at path: String, parent: String?) {
            let ref = component.bomRef ?? ""
            if (component.name ?? "").isEmpty {
                issues.append(ReadIssue(.error, "component has no name", at: path))
            }
            if !ref.isEmpty {
                if let first = firstPaths[ref] {
                    issues.append(ReadIssue(.error, "duplicate bom-ref \(DiagnosticText.quote(ref)) (first at \(first))", at: path))
                } else {
                    firstPaths[ref] = path
                }
            }
            components.append(CycloneDXReader.component(component, ref: ref, parent: parent, path: path))
            for (index, child) in (component.components ?? []).enumerated() {
                add(child, at: "\(path).components[\(index)]", parent: ref)
            }
        }
    }

    private static func component(_ component: Component, ref: String, parent: String?, path: String) -> SBOMComponent {
        SBOMComponent(
            ref: ref,
            type: component.type.map(lowercased),
            name: component.name ?? "",
            version: component.version,
            supplier: supplier(of: component),
            purl: component.purl,
            cpes: component.cpe.map { [$0] } ?? [],
            hashes: (component.hashes ?? []).map { SBOMHash(algorithm: $0.alg, value: lowercased($0.content)) },
            licenses: (component.licenses ?? []).compactMap(licenseText),
            properties: (component.properties ?? []).compactMap(property),
            parent: parent,
            jsonPath: path)
    }

    /// `text.lowercased()`, without a new string when the text is ASCII with no capital (hashes usually are).
    private static func lowercased(_ text: String) -> String {
        text.utf8.allSatisfy({ $0 < 0x41 || ($0 > 0x5A && $0 < 0x80) }) ? text : text.lowercased()
    }

    /// `supplier.name`, else `manufacturer.name` (1.6), else `publisher`, else `author` (deprecated in 1.6),
    /// else the first of `authors` (1.6).
    private static func supplier(of component: Component) -> String? {
        nonEmpty(component.supplier?.name) ?? nonEmpty(component.manufacturer?.name) ?? nonEmpty(component.publisher)
            ?? nonEmpty(component.author) ?? nonEmpty(component.authors?.first?.name)
    }

    /// The SPDX id, the license name, or the SPDX expression of one `licenses` entry.
    private static func licenseText(_ choice: LicenseChoice) -> String? {
        nonEmpty(choice.license?.id) ?? nonEmpty(choice.license?.name) ?? nonEmpty(choice.expression)
    }

    private static func property(_ property: Property) -> SBOMProperty? {
        guard let name = property.name else { return nil }
        return SBOMProperty(name: name, value: property.value ?? "")
    }

    // MARK: - Vulnerabilities

    private static func statements(_ vulnerabilities: [Vulnerability]) -> ([VEXStatement], [ReadIssue]) {
        var statements: [VEXStatement] = []
        var issues: [ReadIssue] = []
        for (index, vulnerability) in vulnerabilities.enumerated() {
            let path = "$.vulnerabilities[\(index)]"
            if nonEmpty(vulnerability.id) == nil {
                issues.append(ReadIssue(.warning, "vulnerability has no id", at: path))
            }
            let state = vulnerability.analysis?.state ?? ""
            let known = VEXStatement.Status(cycloneDXState: state)
            if known == nil, !state.isEmpty {
                issues.append(
                    ReadIssue(
                        .warning, "unknown analysis state \(DiagnosticText.quote(state)); read as under investigation",
                        at: "\(path).analysis.state"))
            }
            statements.append(statement(vulnerability, status: known ?? .underInvestigation, state: state, path: path))
        }
        return (statements, issues)
    }

    /// One vulnerability as a statement. Without `analysis` (what scanners such as Trivy write: the scanner
    /// found it and nobody has assessed it yet) the status is under investigation and the state is empty;
    /// calling it affected would claim an assessment nobody made.
    private static func statement(_ vulnerability: Vulnerability, status: VEXStatement.Status, state: String, path: String)
        -> VEXStatement
    {
        VEXStatement(
            vulnerability: vulnerability.id ?? "",
            aliases: (vulnerability.references ?? []).compactMap { nonEmpty($0.id) },
            source: vulnerability.source?.name,
            ratings: (vulnerability.ratings ?? []).map(rating),
            cwes: vulnerability.cwes ?? [],
            description: vulnerability.description,
            affects: (vulnerability.affects ?? []).map(\.ref),
            status: status,
            state: state,
            justification: vulnerability.analysis?.justification,
            detail: vulnerability.analysis?.detail,
            responses: vulnerability.analysis?.response ?? [],
            jsonPath: path)
    }

    private static func rating(_ rating: Rating) -> VEXStatement.Rating {
        VEXStatement.Rating(
            method: rating.method, score: rating.score, severity: rating.severity?.lowercased(), vector: rating.vector,
            source: rating.source?.name)
    }

    /// The string, or nil when it is missing or empty.
    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

// MARK: - What is decoded

/// Members are optional unless the CycloneDX schema requires them; unknown members are ignored.
extension CycloneDXReader {
    /// The two members that say what the file is, decoded before anything else.
    struct Header: Decodable {
        var bomFormat: String?
        var specVersion: String?
    }

    /// `Header` and `BOM` decoded from the same object.
    struct HeaderAndBOM: Decodable {
        var header: Header
        var bom: BOM

        init(header: Header, bom: BOM) {
            self.header = header
            self.bom = bom
        }

        init(from decoder: any Decoder) throws {
            header = try Header(from: decoder)
            bom = try BOM(from: decoder)
        }
    }

    /// The parts of a BOM subgen uses.
    struct BOM: Decodable {
        var metadata: Metadata?
        var components: [Component]?
        var dependencies: [Dependency]?
        var vulnerabilities: [Vulnerability]?
    }

    struct Metadata: Decodable {
        var timestamp: String?
        var tools: Tools?
        var authors: [Contact]?
        var component: Component?
        /// The organisation that made the product; `manufacture` before 1.6, `manufacturer` from 1.6.
        var manufacture: Entity?
        var manufacturer: Entity?
        var supplier: Entity?
    }

    /// An organizational entity (`supplier`, `manufacturer`, a rating or vulnerability `source`).
    struct Entity: Decodable {
        var name: String?
    }

    /// An organizational contact (`metadata.authors`, component `authors`).
    struct Contact: Decodable {
        var name: String?
        var email: String?
    }

    /// `metadata.tools`: an array of tools in 1.4 (deprecated since 1.5), an object with `components` and
    /// `services` from 1.5.
    struct Tools: Decodable {
        var entries: [Tool]

        private enum CodingKeys: String, CodingKey {
            case components, services
        }

        init(entries: [Tool]) {
            self.entries = entries
        }

        init(from decoder: any Decoder) throws {
            if (try? decoder.unkeyedContainer()) != nil {
                entries = try decoder.singleValueContainer().decode([Tool].self)
            } else {
                let object = try decoder.container(keyedBy: CodingKeys.self)
                entries =
                    try (object.decodeIfPresent([Tool].self, forKey: .components) ?? [])
                    + (object.decodeIfPresent([Tool].self, forKey: .services) ?? [])
            }
        }
    }

    /// A 1.4 tool (`vendor`, `name`, `version`), or a 1.5+ tool component or service: only the name and
    /// version are used.
    struct Tool: Decodable {
        var name: String?
        var version: String?
    }

    struct Component: Decodable {
        var bomRef: String?
        var type: String?
        var name: String?
        var version: String?
        var supplier: Entity?
        var manufacturer: Entity?
        var publisher: String?
        var author: String?
        var authors: [Contact]?
        var purl: String?
        var cpe: String?
        var hashes: [Hash]?
        var licenses: [LicenseChoice]?
        var properties: [Property]?
        var components: [Component]?

        private enum CodingKeys: String, CodingKey {
            case bomRef = "bom-ref"
            case type, name, version, supplier, manufacturer, publisher, author, authors, purl, cpe, hashes, licenses
            case properties, components
        }
    }

    /// Both members are required by the schema.
    struct Hash: Decodable {
        var alg: String
        var content: String
    }

    /// One `licenses` entry: `{"license": {"id"}}`, `{"license": {"name"}}` or `{"expression"}`.
    struct LicenseChoice: Decodable {
        var license: License?
        var expression: String?
    }

    struct License: Decodable {
        var id: String?
        var name: String?
    }

    struct Property: Decodable {
        var name: String?
        var value: String?
    }

    /// `ref` is required by the schema; a dependency without `dependsOn` depends on nothing.
    struct Dependency: Decodable {
        var ref: String
        var dependsOn: [String]?
    }

    struct Vulnerability: Decodable {
        var id: String?
        var source: Entity?
        /// The same vulnerability in other sources (`GHSA-...` for a `CVE-...`): the aliases.
        var references: [Reference]?
        var ratings: [Rating]?
        var cwes: [Int]?
        var description: String?
        var affects: [Affect]?
        var analysis: Analysis?
    }

    struct Reference: Decodable {
        var id: String?
    }

    struct Rating: Decodable {
        var source: Entity?
        var score: Double?
        var severity: String?
        var method: String?
        var vector: String?
    }

    /// `ref` (a bom-ref or a BOM-Link) is required by the schema.
    struct Affect: Decodable {
        var ref: String
    }

    struct Analysis: Decodable {
        var state: String?
        var justification: String?
        var response: [String]?
        var detail: String?
    }
}
