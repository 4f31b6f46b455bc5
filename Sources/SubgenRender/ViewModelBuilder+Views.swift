import SubgenModel
import SubgenPackage

/// Architecture views: diagrams and flow tables (guidance V.B.2, Appendix 2).
extension ViewModelBuilder {
    func diagramView(_ view: ArchitectureView) -> DiagramView? {
        var userImage: String?
        if case .file(let attachment) = view.record.value("Diagram") { userImage = linker.href(ofAttachment: attachment.path) }
        let svg = diagrams[view.record.id]
        guard userImage != nil || svg != nil || !view.flows.isEmpty else { return nil }
        return DiagramView(
            svg: svg, image: svg.map { _ in "../" + Linker.percentEncoded(DiagramRenderer.file(ofView: view.record.id)) },
            userImage: userImage, alt: "Diagram of \(view.record.id)" + (view.record.title.isEmpty ? "" : ": \(view.record.title)"),
            hasFigure: svg != nil || userImage != nil, flows: view.flows.isEmpty ? nil : flowTable(view))
    }

    /// Every flow with its ends, what it carries, its interface, protocol, protection and controls.
    private func flowTable(_ view: ArchitectureView) -> TableView {
        TableView(
            "Flows of \(view.record.id)",
            columns: ["Step", "From", "To", "Carries", "Interface", "Protocol", "Authentication", "Encryption", "Controls"],
            rows: view.flows.map { flow in
                let missing = view.missingProtection(flow)
                let interfaces = flow.references.filter { project.record($0)?.kind == "interface" }
                let controls = flow.references.filter { project.record($0)?.kind == "control" }
                func end(_ name: String) -> Cell {
                    Cell(text: view.zone(of: name).map { "\(name) (\($0))" } ?? name)
                }
                func protection(_ value: String?, _ what: String) -> Cell {
                    if let value, !value.isEmpty { return Cell(linkified(value)) }
                    return missing.contains(what) ? Cell(text: "none stated", gap: true) : Cell(text: "")
                }
                return [
                    Cell(text: String(flow.step)), end(flow.from), end(flow.to),
                    Cell(linkified(flow.carries) + (flow.bidirectional ? [Fragment(text: "(both ways)", separator: " ")] : [])),
                    Cell(references(interfaces)), Cell(text: flow.protocolName ?? ""),
                    protection(flow.authentication, "authentication"), protection(flow.encryption, "encryption"),
                    Cell(references(controls)),
                ]
            })
    }
}
