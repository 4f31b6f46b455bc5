import SubgenImport

/// One evidence file read at build time, by project-relative path.
public struct EvidenceFile: Sendable {
    public enum Content: Sendable {
        case sbom(SBOMDocument)
        case vex(VEXDocument)
        case junit(JUnitReport)
        case sarif(SARIFLog)
    }

    /// Project-relative path, as in `Attachment.path`.
    public var path: String
    public var content: Content
    /// Lines of refs (`bom-ref`, `SPDXID`) in the file, to place diagnostics about components.
    var locator: JSONLocator

    /// What kind of file it is, in words (`CycloneDX 1.6 SBOM`, `OpenVEX document`, `JUnit XML`, `SARIF log`).
    public var description: String {
        switch content {
        case .sbom(let document): return "\(document.format.rawValue) \(document.specVersion) SBOM"
        case .vex: return "OpenVEX document"
        case .junit: return "JUnit XML"
        case .sarif: return "SARIF 2.1.0 log"
        }
    }

    public var sbom: SBOMDocument? {
        if case .sbom(let document) = content { return document }
        return nil
    }

    public var vex: VEXDocument? {
        if case .vex(let document) = content { return document }
        return nil
    }

    public var junit: JUnitReport? {
        if case .junit(let report) = content { return report }
        return nil
    }

    public var sarif: SARIFLog? {
        if case .sarif(let log) = content { return log }
        return nil
    }
}
