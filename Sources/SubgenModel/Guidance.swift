/// Identifiers from the FDA premarket cybersecurity guidance that records and pages refer to.
public enum Guidance {
    /// Section ids a narrative page may name in `Section:`, in package order.
    public static let pageSections = [
        "overview", "V.A.1", "V.A.2", "V.A.3", "V.A.4", "V.A.5", "V.A.6",
        "V.B", "V.B.1", "V.B.2", "V.C", "VI.A", "VI.B", "VII",
    ]

    /// The fourteen labeling recommendations of section VI.A, as L1 to L14.
    public static let labelingItems: [(id: String, title: String)] = [
        ("L1", "Recommended cybersecurity controls for the use environment"),
        ("L2", "Diagrams that let users deploy those controls"),
        ("L3", "Ports and interfaces: function, direction, approved endpoints"),
        ("L4", "Infrastructure requirements, secure deployment and servicing, response to vulnerabilities and incidents"),
        ("L5", "Machine-readable SBOM available to users"),
        ("L6", "How to obtain authorized, version-identifiable updates and learn of them"),
        ("L7", "Device response to security events (notification, logging)"),
        ("L8", "Features protecting critical functions (backup mode, disabling ports)"),
        ("L9", "Backup and restore of authenticated configuration"),
        ("L10", "Retaining and recovering configuration by an authorized user"),
        ("L11", "Secure as-shipped configuration, user changes and those that raise risk"),
        ("L12", "Forensic evidence and log capture, format, storage, SIEM use"),
        ("L13", "End of support and end of life of the device and its components, risk transfer"),
        ("L14", "Secure decommissioning and data sanitization"),
    ]

    /// The nine elements of the cybersecurity management plan (section VI.B), as P1 to P9.
    public static let planElements: [(id: String, title: String)] = [
        ("P1", "Personnel responsible"),
        ("P2", "Vulnerability monitoring"),
        ("P3", "Known exploited vulnerabilities"),
        ("P4", "Periodic security testing"),
        ("P5", "Patch timeline"),
        ("P6", "Update process"),
        ("P7", "Patching capability"),
        ("P8", "Coordinated vulnerability disclosure"),
        ("P9", "Communication to customers"),
    ]

    /// The three lifecycle metrics of section V.A.6, as M1 to M3; a MET record's `Metric:` names one by id or words.
    public static let metrics: [(id: String, title: String)] = [
        ("M1", "Percentage of identified vulnerabilities that are updated or patched"),
        ("M2", "Duration from vulnerability identification to update or patch"),
        ("M3", "Duration from update or patch availability to complete deployment"),
    ]

    /// The metric (`M1` to `M3`) a MET record's `Metric:` text names: its id at the start, else its wording
    /// (deployment -> M3; time, duration or days -> M2; percentage, rate or share patched -> M1).
    public static func metric(named text: String) -> String? {
        let words = text.lowercased()
        for metric in metrics where words.hasPrefix(metric.id.lowercased()) {
            let next = words.dropFirst(metric.id.count).first
            if next.map({ !$0.isLetter && !$0.isNumber }) ?? true { return metric.id }
        }
        let tokens = Set(words.split { !$0.isLetter && $0 != "%" }.map(String.init))
        if tokens.contains(where: { $0.hasPrefix("deploy") }) { return "M3" }
        if !tokens.isDisjoint(with: ["time", "duration", "days", "identification"]) { return "M2" }
        if !tokens.isDisjoint(with: ["percent", "percentage", "%", "rate", "patched", "share"]) || words.contains("%") {
            return "M1"
        }
        return nil
    }

    /// The four architecture view types of section V.B.2 and Appendix 2.
    public static let viewTypes = ["Global system", "Multi-patient harm", "Updatability and patchability", "Security use case"]

    /// The eight security control categories of Appendix 1.
    public static let controlCategories = Choices(
        [
            "Authentication", "Authorization", "Cryptography", "Code, Data and Execution Integrity",
            "Confidentiality", "Event Detection and Logging", "Resiliency and Recovery",
            "Firmware and Software Updates",
        ],
        aliases: [
            "updatability and patchability": "Firmware and Software Updates",
            "code, data, and execution integrity": "Code, Data and Execution Integrity",
            "resiliency": "Resiliency and Recovery",
        ])
}
