import SubgenCore

/// Reads a VIEW record's `Elements:` and `Flows:` nested lists.
///
/// Elements are `Name (zone)`; flows are `From -> To: what it carries` (`<->` for two-way) with optional
/// nested `Protocol:`, `Authentication:`, `Encryption:`, `Controls:`, `Interface:` and `Step:` items.
/// IDs with a known prefix anywhere in an element or flow are references.
struct ViewGrammar {
    let validator: FieldValidator

    static let flowDetails = ["protocol", "authentication", "encryption", "controls", "interface", "step"]

    func elements(_ field: inout Field, log: inout DiagnosticLog) -> ([ViewElement], [Reference]) {
        var elements: [ViewElement] = []
        var references: [Reference] = []
        var seen: [String: SourceLocation] = [:]
        for item in listItems(field, what: "element", example: "Pump (device)", log: &log) {
            var name = item.text
            var zone: String?
            if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
                zone = String(name[name.index(after: open)..<name.index(before: name.endIndex)]).trimmed
                name = String(name[..<open]).trimmed
                if zone?.isEmpty == true { zone = nil }
            }
            guard !name.isEmpty else {
                log.error("malformed-element", "element has no name; write 'Name (zone)'", at: item.location)
                continue
            }
            if let first = seen[name] {
                log.error(
                    "duplicate-element", "element \(DiagnosticText.quote(name)) is declared twice (first at line \(first.line))",
                    at: item.location)
                continue
            }
            seen[name] = item.location
            for child in item.children {
                log.warning("field-content-ignored", "elements take no nested items; this one is ignored", at: child.location)
            }
            references += idReferences(in: item, field: field, log: &log)
            elements.append(ViewElement(name: name, zone: zone, location: item.location))
        }
        field.parsed = .elements(elements)
        return (elements, references)
    }

    func flows(_ field: inout Field, elements: [ViewElement]?, log: inout DiagnosticLog) -> [Reference] {
        let declared = Set((elements ?? []).map(\.name))
        var flows: [ViewFlow] = []
        var references: [Reference] = []
        for item in listItems(field, what: "flow", example: "Pump -> Phone app: therapy log", log: &log) {
            let text = item.text
            guard let arrow = text.range(of: "<->") ?? text.range(of: "->") else {
                log.error(
                    "malformed-flow", "flow has no arrow; write 'From -> To: what it carries' ('<->' for two-way)",
                    at: item.location)
                continue
            }
            let from = String(text[..<arrow.lowerBound]).trimmed
            let rest = text[arrow.upperBound...]
            let colon = rest.firstIndex(of: ":")
            let to = String(rest[..<(colon ?? rest.endIndex)]).trimmed
            let carries = colon.map { String(rest[rest.index(after: $0)...]).trimmed } ?? ""
            guard !from.isEmpty, !to.isEmpty else {
                log.error("malformed-flow", "flow needs both ends; write 'From -> To: what it carries'", at: item.location)
                continue
            }
            var valid = true
            for end in [from, to] where !declared.contains(end) {
                log.error(
                    "undeclared-element",
                    "\(DiagnosticText.quote(end)) is not declared in this view's Elements"
                        + (elements == nil ? " (the view has no Elements field)" : ""),
                    at: validator.locate(end, in: item))
                valid = false
            }
            var flow = ViewFlow(
                from: from, to: to, bidirectional: text[arrow] == "<->", carries: carries, step: flows.count + 1,
                protocolName: nil, authentication: nil, encryption: nil, references: [], location: item.location)
            var flowReferences = idReferences(in: item, field: field, log: &log)
            for detail in item.children {
                guard let colon = detail.text.firstIndex(of: ":") else {
                    log.error(
                        "field-without-name", "flow detail has no 'Name:'; write e.g. 'Protocol: HTTPS'",
                        at: detail.location)
                    continue
                }
                let name = FieldSpec.normalize(String(detail.text[..<colon]))
                let value = String(detail.text[detail.text.index(after: colon)...]).trimmed
                switch name {
                case "protocol": flow.protocolName = value
                case "authentication": flow.authentication = value
                case "encryption": flow.encryption = value
                case "controls", "interface":
                    flowReferences += idReferences(
                        in: detail, field: field, kinds: name == "controls" ? ["control"] : ["interface"], log: &log)
                case "step":
                    if let step = Int(value), step > 0 {
                        flow.step = step
                    } else {
                        log.error("invalid-step", "\(DiagnosticText.quote(value)) is not a step number", at: detail.location)
                    }
                default:
                    log.warning(
                        "unknown-field",
                        "unknown flow detail \(DiagnosticText.quote(detail.text[..<colon])); known: Protocol, Authentication, "
                            + "Encryption, Controls, Interface, Step (kept as text of the flow)",
                        at: detail.location)
                }
                for child in detail.children {
                    log.warning("field-content-ignored", "flow details take no nested items", at: child.location)
                }
            }
            flow.references = flowReferences.map(\.target)
            references += flowReferences
            if valid { flows.append(flow) }
        }
        field.parsed = .flows(flows)
        return references
    }

    private func listItems(_ field: Field, what: String, example: String, log: inout DiagnosticLog) -> [FieldItem] {
        if !field.value.text.isEmpty {
            log.error(
                "malformed-\(what)",
                "'\(field.name)' takes a nested list, one \(what) per item (e.g. '  - \(example)')",
                at: field.value.location)
        }
        return field.items
    }

    /// IDs with a known prefix anywhere in the item's text (external ones excluded). A word that looks like such
    /// an ID but has lookalike or invisible characters in it is an error: it would silently not be a reference.
    private func idReferences(
        in item: FieldItem, field: Field, kinds: [String] = [], log: inout DiagnosticLog
    ) -> [Reference] {
        var references: [Reference] = []
        var cursor = item.location
        for match in RecordID.all(in: item.text) where validator.prefixes.knows(match.prefix) {
            references.append(
                Reference(
                    target: match.id, context: .field(field.name), location: validator.locate(match.id, in: item, after: &cursor),
                    expectedKinds: kinds))
        }
        guard item.text.utf8.contains(where: { $0 >= 0x80 }) else { return references }
        cursor = item.location
        for word in item.text.split(whereSeparator: { $0.isWhitespace || ",;:()[]<>\"'/".contains($0) }) {
            guard let lookalike = RecordID.lookalike(word), let prefix = RecordID.parse(lookalike.id)?.prefix,
                validator.prefixes.knows(prefix)
            else { continue }
            let start = validator.locate(String(word), in: item, after: &cursor)
            log.error(
                "lookalike-id", SourceFileParser.lookalikeMessage(lookalike, reading: "it is not a reference"),
                at: SourceFileParser.location(of: lookalike, in: validator.source, from: start))
        }
        return references
    }
}
