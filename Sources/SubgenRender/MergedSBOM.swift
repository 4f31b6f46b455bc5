import Crypto
import Foundation
import SubgenCore
import SubgenEvidence
import SubgenImport
import SubgenModel
import SubgenPackage

/// `sbom/merged.cdx.json`: one CycloneDX 1.6 document with every component of the package, the dependency
/// graph, support level and end of support as properties, and the vulnerability assessments (labeling item L5).
///
/// Deterministic: keys sorted, components in inventory order, the serial number derived from the content,
/// and a timestamp only when the manifest sets `Date`.
public enum MergedSBOM {
    public static let path = "sbom/merged.cdx.json"
    /// The device itself, the document's `metadata.component`.
    static let deviceRef = "device"

    public static func encode(_ analysis: PackageAnalysis) -> Data {
        // Encoded once with a placeholder serial number of the final length, which the digest of that
        // encoding then replaces: the same components always give the same serial number.
        var bom = document(analysis)
        bom.serialNumber = placeholder
        var data = json(bom)
        let serial = Data(("urn:uuid:" + uuid(Array(SHA256.hash(data: data)))).utf8)
        if let range = data.range(of: Data(placeholder.utf8)) { data.replaceSubrange(range, with: serial) }
        return data
    }

    private static let placeholder = "urn:uuid:00000000-0000-0000-0000-000000000000"

    private static func json(_ bom: BOM) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(bom)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// A version-4-shaped UUID from the first 16 bytes of a digest.
    private static func uuid(_ digest: [UInt8]) -> String {
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }

    // MARK: Building

    static func document(_ analysis: PackageAnalysis) -> BOM {
        let inventory = analysis.inventory
        let manifest = analysis.project.manifest
        var refs: [String: String] = [:]
        for component in inventory.components {
            refs[component.key] = component.purl ?? component.key
        }
        let primaries = inventory.components.filter(\.isPrimary).compactMap { refs[$0.key] }
        var dependencies = [Dependency(ref: deviceRef, dependsOn: primaries.isEmpty ? nil : primaries)]
        for component in inventory.components where component.inDependencyGraph {
            let targets = component.dependsOn.compactMap { refs[$0] }
            dependencies.append(Dependency(ref: refs[component.key]!, dependsOn: targets.isEmpty ? nil : targets))
        }
        let device = Component(
            type: "device", bomRef: deviceRef, name: manifest.device ?? manifest.title,
            version: manifest.softwareVersion, supplier: manifest.manufacturer.map { Organization(name: $0) })
        let metadata = Metadata(
            timestamp: manifest.date.map { $0 + "T00:00:00Z" },
            tools: Tools(components: [Component(type: "application", name: "subgen", version: SubgenVersion.current)]),
            authors: manifest.manufacturer.map { [Contact(name: $0)] },
            component: device)
        let components = inventory.components.map { component(of: $0, ref: refs[$0.key]!) }
        let vulnerabilities = analysis.vulnerabilities.entries.map { vulnerability(of: $0, analysis, refs: refs) }
        return BOM(
            metadata: metadata, components: components, dependencies: dependencies,
            vulnerabilities: vulnerabilities.isEmpty ? nil : vulnerabilities)
    }

    static let componentTypes: Set<String> = [
        "application", "framework", "library", "container", "platform", "operating-system", "device",
        "device-driver", "firmware", "file", "machine-learning-model", "data", "cryptographic-asset",
    ]
    static let hashAlgorithms: Set<String> = [
        "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512", "BLAKE2b-256",
        "BLAKE2b-384", "BLAKE2b-512", "BLAKE3",
    ]

    private static func component(of component: InventoryComponent, ref: String) -> Component {
        var properties: [Property] = []
        if let support = component.support { properties.append(Property(name: SBOMInventory.supportProperty, value: support)) }
        if let end = component.endOfSupport { properties.append(Property(name: SBOMInventory.endOfSupportProperty, value: end)) }
        if let record = component.record { properties.append(Property(name: "subgen:record", value: record)) }
        for source in component.sources {
            properties.append(Property(name: "subgen:source", value: "\(source.file) \(source.jsonPath)"))
        }
        for cpe in component.cpes.dropFirst() { properties.append(Property(name: "subgen:cpe", value: cpe)) }
        let type = component.type.map { $0.lowercased().replacingOccurrences(of: "_", with: "-") }
        let hashes = component.hashes
            .filter { hashAlgorithms.contains($0.algorithm) && [32, 40, 64, 96, 128].contains($0.value.count) && $0.value.allSatisfy(\.isHexDigit) }
            .map { Hash(alg: $0.algorithm, content: $0.value) }
        return Component(
            type: type.flatMap { componentTypes.contains($0) ? $0 : nil } ?? "library", bomRef: ref,
            name: component.name, version: component.version, supplier: component.supplier.map { Organization(name: $0) },
            purl: component.purl, cpe: component.cpes.first, hashes: hashes.isEmpty ? nil : hashes,
            licenses: licenses(component.licenses), properties: properties.isEmpty ? nil : properties)
    }

    /// One SPDX expression or id -> an `expression`; names, or several licenses -> named licenses.
    private static func licenses(_ licenses: [String]) -> [License]? {
        if licenses.isEmpty { return nil }
        if licenses.count == 1, isExpression(licenses[0]) { return [License(expression: licenses[0])] }
        return licenses.map { License(license: NamedLicense(name: $0)) }
    }

    private static func isExpression(_ text: String) -> Bool {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-+:() "))
        guard !text.isEmpty, text.unicodeScalars.allSatisfy(allowed.contains) else { return false }
        let words = text.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(separator: " ")
        // Words alternate between license ids and operators.
        for (index, word) in words.enumerated() {
            let isOperator = ["AND", "OR", "WITH"].contains(word)
            if isOperator != (index % 2 == 1) { return false }
        }
        return words.count % 2 == 1
    }

    // MARK: Vulnerabilities

    private static func vulnerability(
        of entry: VulnerabilityEntry, _ analysis: PackageAnalysis, refs: [String: String]
    ) -> Vulnerability {
        let record = entry.record.flatMap(analysis.project.record)
        let statement = entry.vex?.statement
        var ratings = statement?.ratings.map(rating) ?? []
        if let record, let cvss = record.fields[key: "cvss"]?.text, let parsed = rating(cvss: cvss) {
            ratings = [parsed]
        }
        let affects = entry.component.flatMap { refs[$0] }.map { [Affect(ref: $0)] }
        var properties: [Property] = []
        if let record { properties.append(Property(name: "subgen:record", value: record.id)) }
        if let product = entry.product { properties.append(Property(name: "subgen:product", value: product)) }
        if let vex = entry.vex { properties.append(Property(name: "subgen:vex", value: "\(vex.file) \(vex.statement.jsonPath)")) }
        return Vulnerability(
            id: entry.id, source: source(entry.id, statement), ratings: ratings.isEmpty ? nil : ratings,
            cwes: statement.flatMap { $0.cwes.isEmpty ? nil : $0.cwes }, description: statement?.description,
            analysis: record.map { analysisOf($0, analysis) } ?? statement.map(analysisOf),
            affects: affects, properties: properties.isEmpty ? nil : properties)
    }

    private static func source(_ id: String, _ statement: VEXStatement?) -> Source? {
        if let name = statement?.source { return Source(name: name, url: nil) }
        if id.hasPrefix("CVE-") { return Source(name: "NVD", url: "https://nvd.nist.gov/vuln/detail/" + id) }
        if id.hasPrefix("GHSA-") { return Source(name: "GitHub", url: "https://github.com/advisories/" + id) }
        return nil
    }

    static let ratingMethods: Set<String> = ["CVSSv2", "CVSSv3", "CVSSv31", "CVSSv4", "OWASP", "SSVC", "other"]
    static let severities: Set<String> = ["critical", "high", "medium", "low", "info", "none", "unknown"]

    private static func rating(_ rating: VEXStatement.Rating) -> Rating {
        Rating(
            score: rating.score, severity: rating.severity.flatMap { severities.contains($0) ? $0 : nil },
            method: rating.method.map { ratingMethods.contains($0) ? $0 : "other" }, vector: rating.vector)
    }

    /// A VULN record's `CVSS` (`9.8`, a vector, or both).
    static func rating(cvss: String) -> Rating? {
        let words = cvss.split(separator: " ").map(String.init)
        let score = words.lazy.compactMap(Double.init).first
        let vector = words.first { $0.hasPrefix("CVSS:") }
        guard score != nil || vector != nil else { return nil }
        var method = "other"
        if let vector {
            if vector.hasPrefix("CVSS:3.1/") { method = "CVSSv31" }
            else if vector.hasPrefix("CVSS:3.0/") { method = "CVSSv3" }
            else if vector.hasPrefix("CVSS:4.0/") { method = "CVSSv4" }
        }
        let severity = score.map { score -> String in
            switch score {
            case ..<0.1: return "none"
            case ..<4: return "low"
            case ..<7: return "medium"
            case ..<9: return "high"
            default: return "critical"
            }
        }
        return Rating(score: score, severity: severity, method: method, vector: vector)
    }

    /// A VULN record's assessment as a CycloneDX analysis.
    private static func analysisOf(_ record: Record, _ analysis: PackageAnalysis) -> Analysis {
        let exploitable = record.value("Exploitable") == .flag(true)
        let controls = analysis.relations.refs(record, "Controls")
        var detail = "Assessed in \(record.id)" + (record.title.isEmpty ? "" : ": \(record.title)")
        if !controls.isEmpty { detail += ". Controls: " + controls.joined(separator: ", ") }
        switch record.fields[key: "status"]?.text {
        case "Not affected":
            return Analysis(state: "not_affected", justification: nil, response: nil, detail: detail)
        case "Fixed":
            return Analysis(state: "resolved", justification: nil, response: ["update"], detail: detail)
        case "Mitigated" where !exploitable:
            return Analysis(state: "not_affected", justification: "protected_by_mitigating_control", response: nil, detail: detail)
        case "Mitigated":
            return Analysis(state: "exploitable", justification: nil, response: ["workaround_available"], detail: detail)
        default:
            return Analysis(state: "in_triage", justification: nil, response: nil, detail: detail)
        }
    }

    static let justifications: [String: String] = [
        "code_not_present": "code_not_present", "code_not_reachable": "code_not_reachable",
        "requires_configuration": "requires_configuration", "requires_dependency": "requires_dependency",
        "requires_environment": "requires_environment", "protected_by_compiler": "protected_by_compiler",
        "protected_at_runtime": "protected_at_runtime", "protected_at_perimeter": "protected_at_perimeter",
        "protected_by_mitigating_control": "protected_by_mitigating_control",
        // OpenVEX justifications.
        "component_not_present": "code_not_present", "vulnerable_code_not_present": "code_not_present",
        "vulnerable_code_not_in_execute_path": "code_not_reachable",
        "vulnerable_code_cannot_be_controlled_by_adversary": "requires_environment",
        "inline_mitigations_already_exist": "protected_by_mitigating_control",
    ]
    static let responses: Set<String> = ["can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"]

    /// A VEX statement's assessment as a CycloneDX analysis.
    private static func analysisOf(_ statement: VEXStatement) -> Analysis {
        let state: String
        switch statement.status {
        case .notAffected: state = statement.state == "false_positive" ? "false_positive" : "not_affected"
        case .affected: state = "exploitable"
        case .fixed: state = statement.state == "resolved_with_pedigree" ? "resolved_with_pedigree" : "resolved"
        case .underInvestigation: state = "in_triage"
        }
        let responses = statement.responses.filter(Self.responses.contains)
        let free = statement.responses.filter { !Self.responses.contains($0) }
        let detail = ([statement.detail].compactMap { $0 } + free).joined(separator: " ")
        return Analysis(
            state: state, justification: statement.justification.flatMap { justifications[$0] },
            response: responses.isEmpty ? nil : responses, detail: detail.isEmpty ? nil : detail)
    }

    // MARK: CycloneDX 1.6 shapes (only what subgen writes)

    struct BOM: Encodable {
        var bomFormat = "CycloneDX"
        var specVersion = "1.6"
        var serialNumber: String?
        var version = 1
        var metadata: Metadata
        var components: [Component]
        var dependencies: [Dependency]
        var vulnerabilities: [Vulnerability]?
    }

    struct Metadata: Encodable {
        var timestamp: String?
        var tools: Tools
        var authors: [Contact]?
        var component: Component
    }

    struct Tools: Encodable {
        var components: [Component]
    }

    struct Contact: Encodable {
        var name: String
    }

    struct Organization: Encodable {
        var name: String
    }

    struct Component: Encodable {
        var type: String
        var bomRef: String?
        var name: String
        var version: String?
        var supplier: Organization?
        var purl: String?
        var cpe: String?
        var hashes: [Hash]?
        var licenses: [License]?
        var properties: [Property]?

        enum CodingKeys: String, CodingKey {
            case type, name, version, supplier, purl, cpe, hashes, licenses, properties
            case bomRef = "bom-ref"
        }
    }

    struct Hash: Encodable {
        var alg: String
        var content: String
    }

    struct License: Encodable {
        var license: NamedLicense?
        var expression: String?
    }

    struct NamedLicense: Encodable {
        var name: String
    }

    struct Property: Encodable {
        var name: String
        var value: String
    }

    struct Dependency: Encodable {
        var ref: String
        var dependsOn: [String]?
    }

    struct Vulnerability: Encodable {
        var id: String
        var source: Source?
        var ratings: [Rating]?
        var cwes: [Int]?
        var description: String?
        var analysis: Analysis?
        var affects: [Affect]?
        var properties: [Property]?
    }

    struct Source: Encodable {
        var name: String
        var url: String?
    }

    struct Rating: Encodable {
        var score: Double?
        var severity: String?
        var method: String?
        var vector: String?
    }

    struct Analysis: Encodable {
        var state: String
        var justification: String?
        var response: [String]?
        var detail: String?
    }

    struct Affect: Encodable {
        var ref: String
    }
}
