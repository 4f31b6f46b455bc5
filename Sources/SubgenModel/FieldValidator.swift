import Foundation
import SubgenCore

/// Validates field values against their `FieldType` and collects the references they make.
public struct FieldValidator {
    let source: SourceText
    let file: String
    let prefixes: PrefixTable
    let attachments: AttachmentResolver
    /// Attachment paths already resolved for this file (a file's tests often name the same evidence file).
    private let resolved = ResolvedAttachments()

    init(source: SourceText, file: String, prefixes: PrefixTable, attachments: AttachmentResolver) {
        self.source = source
        self.file = file
        self.prefixes = prefixes
        self.attachments = attachments
    }

    /// `attachments.resolve(written, from: file)`, once per written path.
    private final class ResolvedAttachments {
        var results: [String: Result<String, AttachmentResolver.Failure>] = [:]
    }

    /// Every attachment path this validator resolved, with the outcome.
    var attachmentLookups: [String: Result<String, AttachmentResolver.Failure>] { resolved.results }

    private func resolve(_ written: String) -> Result<String, AttachmentResolver.Failure> {
        if let known = resolved.results[written] { return known }
        let result = attachments.resolve(written, from: file)
        resolved.results[written] = result
        return result
    }

    /// Parses `field` as `spec.type`, reporting every bad value; appends the references the field makes.
    func validate(_ field: inout Field, as spec: FieldSpec, into references: inout [Reference], log: inout DiagnosticLog) {
        field.isKnown = true
        let values = field.values
        guard !values.isEmpty else {
            field.parsed = .invalid
            let message = "field '\(field.name)' is empty"
            if spec.required {
                log.error("missing-required-field", message + "; it is required", at: field.value.location)
            } else {
                log.warning("empty-field", message, at: field.value.location)
            }
            return
        }
        switch spec.type {
        case .text:
            field.parsed = .text(field.text)
        case .choice(let choices):
            field.parsed = single(field, log: &log).flatMap { choice($0.text, $0.location, choices, field, &log) }
                .map(FieldValue.choice) ?? .invalid
        case .choiceList(let choices):
            let parsed = tokens(values).map { choice($0.text, $0.location, choices, field, &log) }
            field.parsed = parsed.contains(nil) ? .invalid : .choices(parsed.compactMap { $0 })
        case .references(let kinds, let isSingle, let allowText):
            var ids: [String] = []
            var text: [String] = []
            var valid = true
            // An ID named again counts once: its repeats are left out, with one warning per ID at the first repeat.
            var named: [String: (first: SourceLocation, repeats: Int)] = [:]
            var repeated: [(id: String, at: SourceLocation)] = []
            for token in tokens(values) {
                switch referenceToken(token, field: field, kinds: kinds, allowText: allowText, log: &log) {
                case .reference(let reference):
                    if let seen = named[reference.target] {
                        if seen.repeats == 0 { repeated.append((reference.target, reference.location)) }
                        named[reference.target] = (seen.first, seen.repeats + 1)
                        continue
                    }
                    named[reference.target] = (reference.location, 0)
                    references.append(reference)
                    ids.append(reference.target)
                case .text(let value): text.append(value)
                case .invalid: valid = false
                }
            }
            for (id, location) in repeated {
                guard let (first, repeats) = named[id] else { continue }
                let times = repeats == 1 ? "twice" : "\(repeats + 1) times"
                log.warning(
                    "repeated-reference",
                    "'\(field.name)' names \(id) \(times) (first at line \(first.line), column \(first.column)); "
                        + "it counts once: remove the repeats",
                    at: location)
            }
            if isSingle && ids.count + text.count > 1 {
                log.error(
                    "too-many-values", "field '\(field.name)' takes one ID, found \(ids.count + text.count)",
                    at: field.value.location)
                valid = false
            }
            field.parsed = valid ? .references(ids, text: text) : .invalid
        case .yesNo:
            field.parsed = single(field, log: &log).flatMap { yesNo($0, field, &log) }.map(FieldValue.flag) ?? .invalid
        case .date(let allowNone):
            field.parsed = single(field, log: &log).flatMap { date($0, allowNone: allowNone, field, &log) } ?? .invalid
        case .file(let extensions, let selector):
            field.parsed = single(field, log: &log).flatMap {
                file($0, extensions: extensions, selector: selector, field, &log)
            }.map(FieldValue.file) ?? .invalid
        case .cvss:
            field.parsed = single(field, log: &log).flatMap { item in
                guard Self.isCVSS(item.text) else {
                    log.error(
                        "invalid-cvss",
                        "\(DiagnosticText.quote(item.text)) is not a CVSS score or vector; write a base score such as 7.5, "
                            + "a vector such as CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, or both",
                        at: item.location)
                    return nil
                }
                return .text(item.text)
            } ?? .invalid
        case .cwe:
            field.parsed = single(field, log: &log).flatMap { item in
                guard ExternalID(item.text)?.scheme == .cwe else {
                    log.error("invalid-cwe", "\(DiagnosticText.quote(item.text)) is not a CWE identifier such as CWE-287", at: item.location)
                    return nil
                }
                return .text(item.text)
            } ?? .invalid
        case .purl:
            field.parsed = single(field, log: &log).flatMap { item in
                guard Self.isPackageURL(item.text) else {
                    log.error(
                        "invalid-purl",
                        "\(DiagnosticText.quote(item.text)) is not a package URL; write it as pkg:type/namespace/name@version",
                        at: item.location)
                    return nil
                }
                return .text(item.text)
            } ?? .invalid
        case .labelingItems:
            let parsed = tokens(values).map { token -> String? in
                let id = token.text.uppercased()
                guard Guidance.labelingItems.contains(where: { $0.id == id }) else {
                    log.error(
                        "invalid-labeling-item",
                        "\(DiagnosticText.quote(token.text)) is not a labeling recommendation; use L1 to L14 (see the Labeling chapter)",
                        at: token.location)
                    return nil
                }
                return id
            }
            field.parsed = parsed.contains(nil) ? .invalid : .items(parsed.compactMap { $0 })
        case .planElement:
            field.parsed = single(field, log: &log).flatMap { item -> FieldValue? in
                guard let id = Self.planElement(item.text) else {
                    let names = Guidance.planElements.map { "\($0.id) \($0.title)" }.joined(separator: ", ")
                    log.error(
                        "invalid-plan-element",
                        "\(DiagnosticText.quote(item.text)) is not a management plan element; use one of: \(names)", at: item.location)
                    return nil
                }
                return .items([id])
            } ?? .invalid
        case .viewElements, .viewFlows:
            // Parsed per record by `ViewGrammar`, which needs both fields.
            break
        }
    }

    // MARK: - Values

    /// The one value of a single-valued field, or nil (reported) when there are several.
    private func single(_ field: Field, log: inout DiagnosticLog) -> FieldItem? {
        let values = field.values
        if values.count > 1 {
            log.error(
                "too-many-values", "field '\(field.name)' takes one value, found \(values.count)",
                at: values[1].location)
            return nil
        }
        return values.first
    }

    private func choice(
        _ text: String, _ location: SourceLocation, _ choices: Choices, _ field: Field, _ log: inout DiagnosticLog
    ) -> String? {
        if let value = choices.canonical(text) { return value }
        log.error(
            "invalid-enum-value",
            "\(DiagnosticText.quote(text)) is not a valid value for '\(field.name)'; expected one of: \(choices.values.joined(separator: ", "))",
            at: location)
        return nil
    }

    private func yesNo(_ item: FieldItem, _ field: Field, _ log: inout DiagnosticLog) -> Bool? {
        switch item.text.lowercased() {
        case "yes": return true
        case "no": return false
        default:
            log.error("invalid-yes-no", "\(DiagnosticText.quote(item.text)) is not a valid value for '\(field.name)'; expected yes or no", at: item.location)
            return nil
        }
    }

    private func date(_ item: FieldItem, allowNone: Bool, _ field: Field, _ log: inout DiagnosticLog) -> FieldValue? {
        if allowNone && FieldSpec.normalize(item.text) == "none announced" { return .noneAnnounced }
        if Self.isDate(item.text) { return .date(item.text) }
        log.error(
            "invalid-date",
            "\(DiagnosticText.quote(item.text)) is not a valid date for '\(field.name)'; write YYYY-MM-DD"
                + (allowNone ? " or 'none announced'" : ""),
            at: item.location)
        return nil
    }

    private func file(
        _ item: FieldItem, extensions: [String], selector allowSelector: Bool, _ field: Field,
        _ log: inout DiagnosticLog
    ) -> Attachment? {
        var written = item.linkDestination.map { $0.removingPercentEncodingOrSelf } ?? item.text
        var selector: String?
        if allowSelector, let hash = written.firstIndex(of: "#") {
            selector = String(written[written.index(after: hash)...]).trimmed
            written = String(written[..<hash])
        }
        let location = item.location
        switch resolve(written) {
        case .failure(let failure):
            let message: String
            switch failure {
            case .empty: message = "field '\(field.name)' names no file"
            case .absolute: message = "attachment path \(DiagnosticText.quote(written)) is absolute; use a path relative to this file"
            case .url: message = "attachment \(DiagnosticText.quote(written)) is a URL; name a file inside the project"
            case .escapes: message = "attachment path \(DiagnosticText.quote(written)) leaves the project folder"
            case .symlinkEscapes:
                message = "attachment \(DiagnosticText.quote(written)) resolves through a symbolic link to outside the project"
            case .missing(let path): message = "attachment \(DiagnosticText.quote(written)) not found (looked for \(DiagnosticText.short(path)))"
            case .notAFile(let path): message = "attachment \(DiagnosticText.quote(written)) is not a regular file (\(DiagnosticText.short(path)) is a folder, pipe or device)"
            }
            log.error("invalid-attachment", message, at: location)
            return nil
        case .success(let path):
            let ext = path.split(separator: ".").count > 1 ? path.split(separator: ".").last!.lowercased() : ""
            guard extensions.contains(ext) else {
                log.error(
                    "invalid-attachment-type",
                    "attachment '\(written)' for '\(field.name)' must be a "
                        + extensions.map { ".\($0)" }.joined(separator: " or ") + " file",
                    at: location)
                return nil
            }
            return Attachment(written: written, path: path, selector: selector?.isEmpty == true ? nil : selector, location: location)
        }
    }

    // MARK: - References

    enum Token {
        case reference(Reference)
        case text(String)
        case invalid
    }

    func referenceToken(
        _ token: (text: String, location: SourceLocation), field: Field, kinds: [String], allowText: Bool,
        log: inout DiagnosticLog
    ) -> Token {
        var expected: String { Self.describe(kinds) }
        guard let match = RecordID.parse(token.text) else {
            if let lookalike = RecordID.lookalike(token.text),
                let prefix = RecordID.parse(lookalike.id)?.prefix, !allowText || prefixes.knows(prefix)
            {
                log.error(
                    "lookalike-id",
                    SourceFileParser.lookalikeMessage(lookalike, reading: "it is not a reference"),
                    at: SourceFileParser.location(of: lookalike, in: source, from: token.location))
                return .invalid
            }
            if allowText { return .text(token.text) }
            log.error(
                "invalid-reference",
                "\(DiagnosticText.quote(token.text)) is not a record ID; '\(field.name)' takes \(expected) IDs "
                    + "separated by commas",
                at: token.location)
            return .invalid
        }
        if ExternalID(match.id) != nil {
            if allowText { return .text(token.text) }
            log.error(
                "invalid-reference",
                "\(DiagnosticText.quote(match.id)) is an external identifier, not a record; '\(field.name)' takes \(expected) IDs",
                at: token.location)
            return .invalid
        }
        guard prefixes.knows(match.prefix) else {
            if allowText { return .text(token.text) }
            log.error(
                "unknown-prefix",
                "\(DiagnosticText.quote(match.id)) has an unknown ID prefix \(DiagnosticText.quote(match.prefix)); known prefixes: "
                    + prefixes.sortedPrefixes.joined(separator: ", "),
                at: token.location)
            return .invalid
        }
        return .reference(
            Reference(target: match.id, context: .field(field.name), location: token.location, expectedKinds: kinds))
    }

    /// Comma-separated parts of the values, each with where it starts in the source.
    func tokens(_ items: [FieldItem]) -> [(text: String, location: SourceLocation)] {
        var result: [(text: String, location: SourceLocation)] = []
        for item in items {
            var cursor = item.location
            for part in Self.commaSeparated(item.text) {
                let text = part.trimmed
                guard !text.isEmpty else { continue }
                result.append((text, locate(text, in: item, after: &cursor)))
            }
        }
        return result
    }

    /// Where `text` next appears in `item`, at or after `cursor`, which moves past it. A value continued on the
    /// next lines: text not on the cursor's line is looked for on the item's next ones. Text the file does not
    /// hold as written (an escape, an entity) is placed at the cursor.
    func locate(_ text: String, in item: FieldItem, after cursor: inout SourceLocation) -> SourceLocation {
        var found = source.column(of: text, line: cursor.line, from: cursor.column).map { (cursor.line, $0) }
        var next = cursor.line + 1
        while found == nil && next <= item.lastLine {
            found = source.column(of: text, line: next).map { (next, $0) }
            next += 1
        }
        let (line, column) = found ?? (cursor.line, cursor.column)
        cursor = SourceLocation(file: file, line: line, column: column + text.utf8.count)
        return SourceLocation(file: file, line: line, column: column)
    }

    /// `text.split(separator: ",")`, cut at comma bytes when the text is ASCII (where every character but
    /// CR LF is one byte, so the parts are the same) instead of walking its characters.
    static func commaSeparated(_ text: String) -> [Substring] {
        let bytes = text.utf8
        var commas = 0
        for byte in bytes {
            if byte >= 0x80 { return text.split(separator: ",") }
            if byte == UInt8(ascii: ",") { commas += 1 }
        }
        var parts: [Substring] = []
        parts.reserveCapacity(commas + 1)
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: ",") {
                if index > start { parts.append(text[start..<index]) }
                start = bytes.index(after: index)
            }
            bytes.formIndex(after: &index)
        }
        if index > start { parts.append(text[start..<index]) }
        return parts
    }

    /// Where `text` appears on the line of `item`, at or after the item's start.
    func locate(_ text: String, in item: FieldItem) -> SourceLocation {
        let column = source.column(of: text, line: item.location.line, from: item.location.column)
        return column.map { SourceLocation(file: file, line: item.location.line, column: $0) } ?? item.location
    }

    static func describe(_ kinds: [String]) -> String {
        switch kinds.count {
        case 0: return "record"
        case 1: return kinds[0]
        default: return kinds.dropLast().joined(separator: ", ") + " or " + kinds.last!
        }
    }

    // MARK: - Syntax

    /// `YYYY-MM-DD` naming a real calendar day.
    public static func isDate(_ text: String) -> Bool {
        // Byte by byte: ten ASCII bytes `DDDD-DD-DD` (any other byte fails `unicodeIsDate` too, whose parts must be
        // ASCII digits between single `-` characters).
        let bytes = Array(text.utf8.prefix(11))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        var numbers = [0, 0, 0]
        for (position, byte) in bytes.enumerated() where position != 4 && position != 7 {
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            let part = position < 4 ? 0 : position < 7 ? 1 : 2
            numbers[part] = numbers[part] * 10 + Int(byte - 0x30)
        }
        let (year, month, day) = (numbers[0], numbers[1], numbers[2])
        guard (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// The reference behaviour `isDate` must match (tests compare the two).
    static func unicodeIsDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// A base score, a CVSS vector (v2, v3.x or v4.0), or a score followed by a vector (optionally in parentheses).
    static func isCVSS(_ text: String) -> Bool {
        let parts = text.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(whereSeparator: { $0.isWhitespace })
        guard (1...2).contains(parts.count) else { return false }
        if parts.count == 2 { return isScore(parts[0]) && isVector(parts[1]) }
        return isScore(parts[0]) || isVector(parts[0])
    }

    private static func isScore(_ text: Substring) -> Bool {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), (1...2).contains(pieces[0].count),
            pieces.count == 1 || pieces[1].count == 1,
            pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let value = Double(text)
        else { return false }
        return (0...10).contains(value)
    }

    private static func isVector(_ text: Substring) -> Bool {
        var metrics = text.split(separator: "/", omittingEmptySubsequences: false)
        if let version = metrics.first, version.hasPrefix("CVSS:") {
            guard ["CVSS:3.0", "CVSS:3.1", "CVSS:4.0"].contains(String(version)) else { return false }
            metrics.removeFirst()
        }
        return !metrics.isEmpty && metrics.allSatisfy { metric in
            let pair = metric.split(separator: ":", omittingEmptySubsequences: false)
            return pair.count == 2 && !pair[0].isEmpty && !pair[1].isEmpty
                && pair.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        }
    }

    /// `pkg:type/...` with a type of letters, digits, `.`, `+`, `-`.
    static func isPackageURL(_ text: String) -> Bool {
        guard text.hasPrefix("pkg:"), !text.contains(where: { $0.isWhitespace }) else { return false }
        let rest = text.dropFirst(4).drop(while: { $0 == "/" })
        guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex else { return false }
        let type = rest[..<slash]
        return type.first!.isLetter && type.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".+-".contains($0)) }
            && rest.index(after: slash) < rest.endIndex
    }

    /// `P5`, `P5: Patch timeline`, or an element's name such as `Patch timeline`.
    static func planElement(_ text: String) -> String? {
        let upper = text.uppercased()
        // Once, not once per element: a value can be megabytes long.
        let normalized = FieldSpec.normalize(text)
        for element in Guidance.planElements {
            if upper == element.id { return element.id }
            if upper.hasPrefix(element.id), let next = upper.dropFirst(element.id.count).first,
                !next.isNumber && !next.isLetter
            {
                return element.id
            }
            if normalized == FieldSpec.normalize(element.title) { return element.id }
        }
        return nil
    }
}

extension String {
    var removingPercentEncodingOrSelf: String { removingPercentEncoding ?? self }
}
