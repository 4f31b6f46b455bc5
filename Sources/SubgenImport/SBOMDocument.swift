/// What subgen uses of a machine-readable SBOM, whichever format it came in (CycloneDX JSON or SPDX JSON).
public struct SBOMDocument: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable {
        case cycloneDX = "CycloneDX"
        case spdx = "SPDX"
    }

    public var format: Format
    /// The spec version as written (`1.5`, `SPDX-2.3` is given as `2.3`).
    public var specVersion: String
    /// The document's name (SPDX `name`; CycloneDX: the described component's name), if any.
    public var name: String?
    /// SBOM authors (NTIA "author of SBOM data"): CycloneDX `metadata.authors` (and `manufacture`/`supplier`
    /// when there are no authors), SPDX `creationInfo.creators` that are a Person or Organization.
    public var authors: [String]
    /// Tools that produced it, `name version` (CycloneDX `metadata.tools`, SPDX `Tool:` creators).
    public var tools: [String]
    /// When it was produced (CycloneDX `metadata.timestamp`, SPDX `creationInfo.created`), as written.
    public var timestamp: String?
    /// Refs of the components the document describes (CycloneDX `metadata.component`, SPDX `DESCRIBES`).
    public var describes: [String]
    /// Every component, nested ones included (flattened in document order, `parent` set), and the described
    /// component of a CycloneDX file first when it has one.
    public var components: [SBOMComponent]
    /// The dependency graph: `ref` depends on `dependsOn` (CycloneDX `dependencies`; SPDX `DEPENDS_ON`,
    /// `DEPENDENCY_OF` reversed, `CONTAINS`, `CONTAINED_BY` reversed).
    public var dependencies: [SBOMDependency]
    /// Vulnerabilities and their analysis embedded in the file (CycloneDX `vulnerabilities`); empty for SPDX.
    public var vulnerabilities: [VEXStatement]
    /// Problems that did not stop reading: duplicate refs, dependencies on unknown refs, nameless components.
    public var issues: [ReadIssue]

    public init(
        format: Format, specVersion: String, name: String? = nil, authors: [String] = [], tools: [String] = [],
        timestamp: String? = nil, describes: [String] = [], components: [SBOMComponent] = [],
        dependencies: [SBOMDependency] = [], vulnerabilities: [VEXStatement] = [], issues: [ReadIssue] = []
    ) {
        self.format = format
        self.specVersion = specVersion
        self.name = name
        self.authors = authors
        self.tools = tools
        self.timestamp = timestamp
        self.describes = describes
        self.components = components
        self.dependencies = dependencies
        self.vulnerabilities = vulnerabilities
        self.issues = issues
    }
}

/// One component (CycloneDX component, SPDX package) with the NTIA minimum elements and what else subgen shows.
public struct SBOMComponent: Hashable, Sendable {
    /// CycloneDX `bom-ref` or SPDX `SPDXID`; empty when the file gives none.
    public var ref: String
    /// CycloneDX `type` (`library`, `application`, ...) or SPDX `primaryPackagePurpose`, lowercased.
    public var type: String?
    public var name: String
    public var version: String?
    /// Supplier name: CycloneDX `supplier.name`, else `manufacturer.name`, else `publisher`, else `author`;
    /// SPDX `supplier`, else `originator` (without the `Organization:`/`Person:` prefix). Nil for `NOASSERTION`.
    public var supplier: String?
    public var purl: String?
    public var cpes: [String]
    public var hashes: [SBOMHash]
    /// Licenses as written: SPDX ids, names or expressions (SPDX `licenseConcluded`, then `licenseDeclared`
    /// when different; `NOASSERTION` and `NONE` left out).
    public var licenses: [String]
    public var properties: [SBOMProperty]
    /// The ref of the component this one is nested in (CycloneDX nested `components`), if any.
    public var parent: String?
    /// Where it is in the file: `$.components[2].components[0]`, `$.packages[4]`, `$.metadata.component`.
    public var jsonPath: String

    public init(
        ref: String, type: String? = nil, name: String, version: String? = nil, supplier: String? = nil,
        purl: String? = nil, cpes: [String] = [], hashes: [SBOMHash] = [], licenses: [String] = [],
        properties: [SBOMProperty] = [], parent: String? = nil, jsonPath: String
    ) {
        self.ref = ref
        self.type = type
        self.name = name
        self.version = version
        self.supplier = supplier
        self.purl = purl
        self.cpes = cpes
        self.hashes = hashes
        self.licenses = licenses
        self.properties = properties
        self.parent = parent
        self.jsonPath = jsonPath
    }
}

public struct SBOMHash: Hashable, Sendable {
    /// The algorithm as CycloneDX names it: `SHA-256`, `SHA-1`, `MD5`, `SHA-512`, `SHA3-256`, `BLAKE2b-256`...
    /// (SPDX `SHA256` becomes `SHA-256`).
    public var algorithm: String
    /// Lowercase hex.
    public var value: String

    public init(algorithm: String, value: String) {
        self.algorithm = algorithm
        self.value = value
    }
}

public struct SBOMProperty: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct SBOMDependency: Hashable, Sendable {
    public var ref: String
    public var dependsOn: [String]
    /// `$.dependencies[3]` or `$.relationships[7]` (the first relationship for this ref in SPDX).
    public var jsonPath: String

    public init(ref: String, dependsOn: [String], jsonPath: String) {
        self.ref = ref
        self.dependsOn = dependsOn
        self.jsonPath = jsonPath
    }
}
