import SubgenCore
import SubgenDiagram
import SubgenModel
import SubgenPackage

/// Draws every architecture view that has flows, once for both output trees.
struct DiagramRenderer {
    /// Where the SVG files go in the package; Markdown pages show them as images.
    static let folder = "views"

    let graphviz: Graphviz?
    /// Diagrams drawn by an earlier build.
    var cache: BuildCache?

    static func file(ofView id: String) -> String { "\(folder)/\(id).svg" }

    /// View record ID -> cleaned SVG. Without Graphviz, one warning (an error with `--strict`) and no diagrams.
    func render(_ analysis: PackageAnalysis, log: inout DiagnosticLog) -> [String: String] {
        let views = ArchitectureView.all(in: analysis.project).filter { !$0.flows.isEmpty }
        guard let first = views.first else { return [:] }
        guard let graphviz else {
            log.warning(
                "graphviz-missing",
                "Graphviz's 'dot' program is not installed, so the architecture views are shown without generated "
                    + "diagrams (flow tables and text only); install it with '\(Graphviz.installHint)'",
                at: first.record.location)
            return [:]
        }
        let linker = Linker(format: .html, project: analysis.project)
        let dots = views.map { DOTWriter.dot(Self.diagram($0, linker: linker)) }
        // One `dot` process per view, as many at a time as there are cores; a drawing is reused while its DOT
        // text is unchanged.
        let drawn = dots.concurrentMap { dot in cache?.diagram(dot).map { .success($0) } ?? graphviz.svg(dot) }
        var diagrams: [String: String] = [:]
        var kept: [String: String] = [:]
        for (view, (dot, outcome)) in zip(views, zip(dots, drawn)) {
            switch outcome {
            case .success(let svg):
                diagrams[view.record.id] = svg
                kept[dot] = svg
            case .failure(let failure):
                let detail: String
                switch failure {
                case .failed(let message), .couldNotRun(let message): detail = message
                }
                log.error("diagram-failed", "Graphviz could not draw \(view.record.id): \(detail)", at: view.record.location)
            }
        }
        cache?.keepDiagrams(kept)
        return diagrams
    }

    /// The diagram of a view. Links are written relative to the package's `html/` folder in a form that also
    /// works from `views/` (`../html/...`), since the same SVG is inlined in pages and written as a file.
    static func diagram(_ view: ArchitectureView, linker: Linker) -> ViewDiagram {
        func href(_ ids: [String]) -> String? {
            ids.lazy.compactMap(linker.href(ofRecord:)).first.map { "../html/" + $0 }
        }
        let project = linker.project
        let elements = view.elements.map { element in
            ViewDiagram.Element(
                name: element.name, zone: element.zone, href: href(RecordID.all(in: element.name).map(\.id)))
        }
        let flows = view.flows.map { flow in
            let ordered = flow.references.filter { project.record($0)?.kind == "interface" }
                + flow.references.filter { project.record($0)?.kind != "interface" }
            return ViewDiagram.Flow(
                from: flow.from, to: flow.to, bidirectional: flow.bidirectional, step: flow.step, carries: flow.carries,
                protocolName: flow.protocolName, unprotected: !view.missingProtection(flow).isEmpty, href: href(ordered))
        }
        return ViewDiagram(name: view.record.id, elements: elements, flows: flows)
    }
}
