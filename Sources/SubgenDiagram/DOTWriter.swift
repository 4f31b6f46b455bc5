/// Writes a view diagram as Graphviz DOT: zones as dashed trust-boundary clusters, elements as boxes, flows
/// as labelled edges numbered by step. Deterministic: elements and zones keep their order of declaration.
///
/// Every name and label the user wrote is a quoted DOT string with `\` and `"` escaped, so neither DOT
/// syntax nor Graphviz escapes (`\N`, `\G`, `\l`) in user text take effect; node IDs are `n1`, `n2`...
/// so user text never reaches the SVG's comments or ids. Links are kept only when they are plain relative
/// addresses (what subgen's linker produces).
public enum DOTWriter {
    /// The font the diagrams use; Debian's `fonts-dejavu-core` provides it, so layouts are the same everywhere.
    public static let font = "DejaVu Sans"

    public static func dot(_ diagram: ViewDiagram) -> String {
        var ids: [String: String] = [:]
        for (index, element) in diagram.elements.enumerated() where ids[element.name] == nil {
            ids[element.name] = "n\(index + 1)"
        }
        // The graph id prefixes every id in the SVG, so several diagrams can share one HTML page.
        // Graphviz writes `-` in ids as `&#45;`, so the prefix uses `_`.
        let prefix = "diagram_" + diagram.name.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        var lines = [
            "digraph \(quoted(diagram.name)) {",
            "  graph [id=\(quoted(prefix)), rankdir=LR, fontname=\(quoted(font)), fontsize=10, nodesep=0.4, ranksep=0.9, bgcolor=\"transparent\"];",
            "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#333333\", fontname=\(quoted(font)), fontsize=10];",
            "  edge [color=\"#333333\", fontname=\(quoted(font)), fontsize=9];",
        ]
        var zones: [String] = []
        for zone in diagram.elements.compactMap(\.zone) where !zones.contains(zone) { zones.append(zone) }
        for (index, zone) in zones.enumerated() {
            lines.append("  subgraph cluster_\(index + 1) {")
            lines.append(
                "    id=\(quoted("\(prefix)_zone\(index + 1)")); label=\(quoted(zone)); style=\"dashed,rounded\"; "
                    + "color=\"#777777\"; fontcolor=\"#555555\";")
            for element in diagram.elements where element.zone == zone {
                lines.append("    " + node(element, id: ids[element.name]!))
            }
            lines.append("  }")
        }
        for element in diagram.elements where element.zone == nil {
            lines.append("  " + node(element, id: ids[element.name]!))
        }
        for flow in diagram.flows {
            guard let from = ids[flow.from], let to = ids[flow.to] else { continue }
            lines.append("  " + edge(flow, from: from, to: to))
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func node(_ element: ViewElement, id: String) -> String {
        var attributes = ["label=\(quoted(element.name))"]
        if let href = element.href.flatMap(safeLink) { attributes.append("URL=\(quoted(href))") }
        return "\(id) [\(attributes.joined(separator: ", "))];"
    }

    private static func edge(_ flow: ViewDiagram.Flow, from: String, to: String) -> String {
        var label = "\(flow.step). \(flow.carries)"
        if let protocolName = flow.protocolName, !protocolName.isEmpty { label += "\n(\(protocolName))" }
        var attributes = ["label=\(quoted(label))"]
        if flow.bidirectional { attributes.append("dir=both") }
        if flow.unprotected { attributes += ["color=\"#b00020\"", "fontcolor=\"#b00020\"", "style=dashed"] }
        if let href = flow.href.flatMap(safeLink) { attributes.append("URL=\(quoted(href))") }
        return "\(from) -> \(to) [\(attributes.joined(separator: ", "))];"
    }

    typealias ViewElement = ViewDiagram.Element

    /// A DOT quoted string: `\` and `"` escaped, line breaks as `\n` (Graphviz's centred line break).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": continue
            default: result.append(character)
            }
        }
        return result + "\""
    }

    /// Only relative addresses made of URL-safe characters; Graphviz copies URLs into the SVG unescaped.
    static func safeLink(_ href: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/#%")
        guard !href.isEmpty, href.allSatisfy(allowed.contains), !href.hasPrefix("/") else { return nil }
        return href
    }
}
