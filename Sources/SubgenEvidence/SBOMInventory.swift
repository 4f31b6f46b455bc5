import SubgenCore
import SubgenImport
import SubgenModel

/// One software component of the package: the same component from every SBOM file merged, and the SW record
/// that matches it (by PURL, else by name and version), or a SW record no file lists.
public struct InventoryComponent: Sendable {
    /// Where a file lists the component.
    public struct Source: Hashable, Sendable {
        /// Project-relative path of the SBOM file.
        public var file: String
        /// The SBOM record naming the file.
        public var sbom: String
        public var ref: String
        public var jsonPath: String
        public var location: SourceLocation
    }

    /// Stable identity: `purl:...`, `name:...@version`, or the file place of a component with neither.
    public var key: String
    public var name: String
    public var version: String?
    public var supplier: String?
    public var purl: String?
    public var cpes: [String]
    public var hashes: [SBOMHash]
    public var licenses: [String]
    public var type: String?
    public var sources: [Source]
    /// The matching SW record, if any.
    public var record: String?
    /// `Maintained`, `Limited` or `Unsupported`, from the SW record or the file's support property.
    public var support: String?
    /// A `YYYY-MM-DD` date or `none announced`, from the SW record or the file's property.
    public var endOfSupport: String?
    /// Keys of the components this one depends on, in first-seen order.
    public var dependsOn: [String] = []
    /// Whether some file's dependency graph mentions the component (NTIA "dependency relationship").
    public var inDependencyGraph = false
    /// Whether an SBOM file describes it (the product, not a part of it).
    public var isPrimary = false

    /// `name version`, or the name alone.
    public var label: String { [name, version ?? ""].filter { !$0.isEmpty }.joined(separator: " ") }

    /// The NTIA minimum elements the component lacks (the document-level ones, author and timestamp, are
    /// checked per file). Dependency relationships are only known for components that come from a file.
    public var missingElements: [String] {
        var missing: [String] = []
        if (supplier ?? "").isEmpty { missing.append("supplier") }
        if name.isEmpty { missing.append("name") }
        if (version ?? "").isEmpty { missing.append("version") }
        if (purl ?? "").isEmpty && cpes.isEmpty { missing.append("unique identifier (PURL or CPE)") }
        if !sources.isEmpty && !inDependencyGraph { missing.append("dependency relationship") }
        return missing
    }
}

/// Every component of the package: the components of every SBOM file merged with the SW records.
public struct SBOMInventory: Sendable {
    /// The property names subgen reads and writes for support information (documented in docs/package.md).
    public static let supportProperty = "subgen:support:level"
    public static let endOfSupportProperty = "subgen:support:end-of-support"
    static let supportLevels = ["Maintained", "Limited", "Unsupported"]

    /// Components sorted by name, version and key.
    public private(set) var components: [InventoryComponent] = []
    /// Component key -> index in `components`.
    private var index: [String: Int] = [:]
    /// SW record ID -> component key.
    private var recordKeys: [String: String] = [:]
    /// SBOM file path -> ref -> component key.
    private var refKeys: [String: [String: String]] = [:]
    /// Problems found while merging (two SW records for one component, bad support properties).
    public private(set) var diagnostics: [Diagnostic] = []

    public init(_ project: Project, _ evidence: Evidence) {
        var builder = Builder()
        for record in project.records(ofKind: "sbom") {
            guard let file = evidence.file(record, "File"), let document = file.sbom else { continue }
            builder.add(document, from: file, sbom: record.id)
        }
        for record in project.records(ofKind: "component") {
            builder.add(record)
        }
        // By `(name.lowercased(), version ?? "", key)`: the sort keys are computed once per component, and
        // positions are sorted rather than the (large) components, which are then taken in that order.
        let unsorted = builder.components
        let keys = unsorted.map { (name: $0.name.lowercased(), version: $0.version ?? "", key: $0.key) }
        let order = unsorted.indices.sorted { (keys[$0].name, keys[$0].version, keys[$0].key) < (keys[$1].name, keys[$1].version, keys[$1].key) }
        components = order.map { unsorted[$0] }
        index.reserveCapacity(order.count)
        for (position, original) in order.enumerated() { index[keys[original].key] = position }
        recordKeys = builder.recordKeys
        refKeys = builder.refKeys
        diagnostics = builder.diagnostics
    }

    /// Whether `text` is a `YYYY-MM-DD` date (rather than `none announced`).
    public static func isDate(_ text: String) -> Bool { FieldValidator.isDate(text) }

    public func component(key: String) -> InventoryComponent? {
        index[key].map { components[$0] }
    }

    /// The component a SW record describes.
    public func component(record id: String) -> InventoryComponent? {
        recordKeys[id].flatMap(component(key:))
    }

    /// The component a ref names in an SBOM file (a `bom-ref`, an `SPDXID`).
    public func component(file: String, ref: String) -> InventoryComponent? {
        refKeys[file]?[ref].flatMap(component(key:))
    }

    /// The component with this PURL, if any.
    public func component(purl: String) -> InventoryComponent? {
        component(key: "purl:" + purl)
    }

    /// The key a component's identity gives: its PURL, else its name and version.
    static func key(purl: String?, name: String, version: String?) -> String? {
        if let purl, !purl.isEmpty { return "purl:" + purl }
        if name.isEmpty { return nil }
        return "name:" + name.lowercased() + "@" + (version ?? "")
    }

    /// Merges components in the order files and records come.
    private struct Builder {
        var components: [InventoryComponent] = []
        var positions: [String: Int] = [:]
        /// Name and version -> key, so a SW record without PURL finds a file component that has one.
        var nameKeys: [String: String] = [:]
        var recordKeys: [String: String] = [:]
        var refKeys: [String: [String: String]] = [:]
        var diagnostics: [Diagnostic] = []

        mutating func add(_ document: SBOMDocument, from file: EvidenceFile, sbom: String) {
            var refs: [String: String] = [:]
            var seen: [String: Int] = [:]
            refs.reserveCapacity(document.components.count)
            seen.reserveCapacity(document.components.count)
            components.reserveCapacity(components.count + document.components.count)
            positions.reserveCapacity(positions.count + document.components.count)
            nameKeys.reserveCapacity(nameKeys.count + document.components.count)
            for component in document.components {
                let occurrence = seen[component.ref, default: 0]
                seen[component.ref] = occurrence + 1
                let line = component.ref.isEmpty ? nil : file.locator.line(ofRef: component.ref, occurrence: occurrence)
                let source = InventoryComponent.Source(
                    file: file.path, sbom: sbom, ref: component.ref, jsonPath: component.jsonPath,
                    location: SourceLocation(file: file.path, line: line ?? 1, column: 1))
                let key = SBOMInventory.key(purl: component.purl, name: component.name, version: component.version)
                    ?? "file:\(file.path)\(component.jsonPath)"
                let position = merge(component, key: key, source: source)
                if document.describes.contains(component.ref) && !component.ref.isEmpty {
                    components[position].isPrimary = true
                }
                readSupport(component.properties, into: position, at: source)
                if !component.ref.isEmpty && refs[component.ref] == nil { refs[component.ref] = key }
            }
            for dependency in document.dependencies {
                guard let from = refs[dependency.ref], let position = positions[from] else { continue }
                components[position].inDependencyGraph = true
                for target in dependency.dependsOn {
                    guard let to = refs[target], let targetPosition = positions[to] else { continue }
                    components[targetPosition].inDependencyGraph = true
                    if !components[position].dependsOn.contains(to) { components[position].dependsOn.append(to) }
                }
            }
            refKeys[file.path, default: [:]].merge(refs) { first, _ in first }
        }

        private mutating func merge(_ component: SBOMComponent, key: String, source: InventoryComponent.Source) -> Int {
            if let position = positions[key] {
                var merged = components[position]
                merged.sources.append(source)
                merged.supplier = merged.supplier ?? component.supplier
                merged.type = merged.type ?? component.type
                merged.cpes = Self.union(merged.cpes, component.cpes)
                merged.hashes = Self.union(merged.hashes, component.hashes)
                merged.licenses = Self.union(merged.licenses, component.licenses)
                components[position] = merged
                return position
            }
            components.append(
                InventoryComponent(
                    key: key, name: component.name, version: component.version, supplier: component.supplier,
                    purl: component.purl, cpes: component.cpes, hashes: component.hashes, licenses: component.licenses,
                    type: component.type, sources: [source]))
            positions[key] = components.count - 1
            if !component.name.isEmpty {
                let nameKey = "name:" + component.name.lowercased() + "@" + (component.version ?? "")
                if nameKeys[nameKey] == nil { nameKeys[nameKey] = key }
            }
            return components.count - 1
        }

        /// Support level and end of support given as component properties (as subgen's merged SBOM writes them).
        private mutating func readSupport(_ properties: [SBOMProperty], into position: Int, at source: InventoryComponent.Source) {
            for property in properties {
                switch property.name {
                case SBOMInventory.supportProperty:
                    if SBOMInventory.supportLevels.contains(property.value) {
                        components[position].support = components[position].support ?? property.value
                    } else {
                        diagnostics.append(
                            .warning(
                                "evidence-questionable",
                                "\(source.file): \(source.jsonPath): property \(property.name) is \(DiagnosticText.quote(property.value)); "
                                    + "expected one of \(SBOMInventory.supportLevels.joined(separator: ", "))",
                                at: source.location))
                    }
                case SBOMInventory.endOfSupportProperty:
                    if SBOMInventory.isDate(property.value) || property.value.lowercased() == "none announced" {
                        components[position].endOfSupport = components[position].endOfSupport ?? property.value
                    } else {
                        diagnostics.append(
                            .warning(
                                "evidence-questionable",
                                "\(source.file): \(source.jsonPath): property \(property.name) is \(DiagnosticText.quote(property.value)); "
                                    + "expected a YYYY-MM-DD date or 'none announced'",
                                at: source.location))
                    }
                default:
                    break
                }
            }
        }

        /// A SW record: completes the component it matches (its values win), or adds one no file lists.
        mutating func add(_ record: Record) {
            let name = text(record, "Name")
            let version = text(record, "Version")
            let purl = text(record, "PURL")
            let nameKey = "name:" + name.lowercased() + "@" + version
            let key: String
            if !purl.isEmpty, positions["purl:" + purl] != nil {
                key = "purl:" + purl
            } else if let matched = nameKeys[nameKey] {
                key = matched
            } else {
                key = SBOMInventory.key(purl: purl, name: name, version: version) ?? "record:" + record.id
            }
            if let position = positions[key] {
                if let other = components[position].record {
                    diagnostics.append(
                        .warning(
                            "component-duplicate",
                            "\(record.id) describes the same component as \(other) (\(DiagnosticText.short(components[position].label))); "
                                + "the first is used",
                            at: record.location))
                    recordKeys[record.id] = key
                    return
                }
                var merged = components[position]
                merged.record = record.id
                if !name.isEmpty { merged.name = name }
                if !version.isEmpty { merged.version = version }
                if let supplier = nonEmpty(text(record, "Supplier")) { merged.supplier = supplier }
                if !purl.isEmpty { merged.purl = purl }
                if let license = nonEmpty(text(record, "License")) { merged.licenses = Self.union([license], merged.licenses) }
                merged.support = nonEmpty(text(record, "Support")) ?? merged.support
                merged.endOfSupport = nonEmpty(text(record, "End of support")) ?? merged.endOfSupport
                components[position] = merged
            } else {
                components.append(
                    InventoryComponent(
                        key: key, name: name, version: nonEmpty(version), supplier: nonEmpty(text(record, "Supplier")),
                        purl: nonEmpty(purl), cpes: [], hashes: [], licenses: nonEmpty(text(record, "License")).map { [$0] } ?? [],
                        type: nil, sources: [], record: record.id, support: nonEmpty(text(record, "Support")),
                        endOfSupport: nonEmpty(text(record, "End of support"))))
                positions[key] = components.count - 1
            }
            recordKeys[record.id] = key
        }

        private func text(_ record: Record, _ field: String) -> String {
            switch record.value(field) {
            case .date(let date): return date
            case .noneAnnounced: return "none announced"
            case .choice(let choice): return choice
            case .text(let text): return text
            default: return record.fields[key: FieldSpec.normalize(field)]?.text ?? ""
            }
        }

        private func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

        static func union<T: Hashable>(_ first: [T], _ second: [T]) -> [T] {
            var seen = Set(first)
            return first + second.filter { seen.insert($0).inserted }
        }

    }
}
