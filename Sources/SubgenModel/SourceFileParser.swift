import SubgenCore
import SubgenMarkdown

/// What one Markdown file contributes: its records, its page (if it is one) and the blocks outside records.
struct ParsedFile: Sendable {
    var path: String
    var source: SourceText
    var records: [Record] = []
    var page: Page?
    /// Top-level blocks outside any record, in order (the manifest reads its title and fields from these).
    var preamble: [MarkdownNode] = []
    var diagnostics = DiagnosticLog()
    /// The attachment paths the file names and what they resolved to: the only thing outside the file and the
    /// ID prefixes that its parse depends on (see `ParseCache`).
    var attachmentLookups: [String: Result<String, AttachmentResolver.Failure>] = [:]
}

/// Turns one file into records and pages: finds record headings, their extent, fields and narrative
/// references, and validates every field. Pure: the same file and prefixes always give the same result.
struct SourceFileParser: Sendable {
    let prefixes: PrefixTable
    let attachments: AttachmentResolver

    static let pageFields = [FieldSpec("Section", .choice(Choices(Guidance.pageSections)), required: true)]

    /// Decodes and parses the file at project-relative `path`; invalid UTF-8 is reported, never guessed at.
    func parse(path: String, bytes: [UInt8], isManifest: Bool = false) -> ParsedFile {
        switch SourceText.decode(bytes) {
        case .failure(let bad):
            var file = ParsedFile(path: path, source: SourceText(""))
            file.diagnostics.append(Self.invalidUTF8(path: path, bad))
            return file
        case .success(let source):
            return parse(
                path: path, source: source, document: MarkdownParser.parseDocument(source.text), isManifest: isManifest)
        }
    }

    /// What makes a valid UTF-8 file unusable as it is: NUL bytes (libcmark reads them as U+FFFD; a file saved
    /// as UTF-16 is full of them) and nesting deeper than the parser keeps.
    static func textProblems(path: String, source: SourceText, document: MarkdownDocument) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if let nul = source.firstNUL {
            problems.append(
                .error(
                    "nul-byte",
                    "file contains a NUL byte (the first is here), which text never does; remove it, or if the file "
                        + "was saved as UTF-16 (a NUL after every ASCII character), save it as UTF-8",
                    at: SourceLocation(file: path, line: nul.line, column: nul.column)))
        }
        if let deep = document.firstTooDeep {
            problems.append(
                .error(
                    "nesting-too-deep",
                    "this is nested more than \(MarkdownParser.maximumDepth) levels deep (lists, block quotes, "
                        + "emphasis or links inside one another); subgen leaves out what is deeper: flatten it",
                    at: SourceLocation(file: path, line: max(deep.startLine, 1), column: max(deep.startColumn, 1))))
        }
        return problems
    }

    static func invalidUTF8(path: String, _ bad: SourceText.InvalidUTF8) -> Diagnostic {
        .error(
            "invalid-utf8", "file is not valid UTF-8 (the first bad byte is here); save it as UTF-8",
            at: SourceLocation(file: path, line: bad.line, column: bad.column))
    }

    func parse(path: String, source: SourceText, document parsed: MarkdownDocument, isManifest: Bool) -> ParsedFile {
        var file = ParsedFile(path: path, source: source)
        let reader = FieldListReader(source: source, file: path)
        let validator = FieldValidator(source: source, file: path, prefixes: prefixes, attachments: attachments)
        file.diagnostics.append(contentsOf: Self.textProblems(path: path, source: source, document: parsed))

        // Split the top-level blocks into records (each a heading and the run of blocks after it) and the rest.
        let blocks = parsed.root.children
        var current: (heading: RecordHeading, blocks: Range<Int>)?
        var groups: [(heading: RecordHeading, blocks: Range<Int>)] = []
        for (position, block) in blocks.enumerated() {
            if let level = block.headingLevel {
                if let heading = recordHeading(block, level: level, path: path, source: source, log: &file.diagnostics) {
                    if let open = current { groups.append(open) }
                    current = (heading, position + 1..<position + 1)
                    continue
                }
                if let open = current, level <= open.heading.level {
                    groups.append(open)
                    current = nil
                }
            }
            if current != nil {
                current!.blocks = current!.blocks.lowerBound..<position + 1
            } else {
                file.preamble.append(block)
            }
        }
        if let open = current { groups.append(open) }

        file.records.reserveCapacity(groups.count)
        var references: [Reference] = []
        for group in groups {
            file.records.append(
                record(group.heading, blocks[group.blocks], reader, validator, &references, &file.diagnostics))
        }

        guard !isManifest else { return file }
        let pageHeader = pageHeader(file.preamble, reader)
        if let pageHeader {
            file.page = page(pageHeader, reader, validator, &file.diagnostics)
        }
        if file.records.isEmpty && pageHeader == nil {
            let empty = source.text.allSatisfy { $0.isWhitespace }
            file.diagnostics.warning(
                "file-contributes-nothing",
                empty
                    ? "file is empty; it contributes nothing to the package"
                    : "file contributes nothing to the package: it has no record headings and no 'Section:' field",
                at: SourceLocation(file: path))
        } else if pageHeader == nil,
            let stray = file.preamble.first(where: { block in
                switch block.kind {
                case .heading, .htmlBlock, .thematicBreak: return false
                default: return true
                }
            })
        {
            file.diagnostics.warning(
                "content-outside-record",
                "text outside any record is not part of the package; move it under a record heading, "
                    + "or make this file a page with a 'Section:' field",
                at: reader.location(of: stray))
        }
        file.attachmentLookups = validator.attachmentLookups
        return file
    }

    // MARK: - Records

    struct RecordHeading {
        var id: String
        var kind: Kind
        var title: String
        var level: Int
        var location: SourceLocation
    }

    /// A heading whose text starts with an ID of a known prefix, then `:`, ` - `, ` — `, a space, or nothing.
    /// Headings starting with an unknown prefix are ordinary headings.
    private func recordHeading(
        _ node: MarkdownNode, level: Int, path: String, source: SourceText, log: inout DiagnosticLog
    ) -> RecordHeading? {
        guard let first = node.children.first, case .text(let leading) = first.kind else { return nil }
        let location = SourceLocation(file: path, line: first.range.startLine, column: first.range.startColumn)
        guard let match = RecordID.leading(leading), let kind = prefixes.kind(forPrefix: match.prefix) else {
            reportLookalikeHeading(leading, at: location, source: source, log: &log)
            return nil
        }
        let text = node.plainText()
        var rest = String(decoding: Array(text.utf8).dropFirst(match.id.utf8.count), as: UTF8.self)[...]
        let colon = rest.first == ":"
        if colon {
            rest = rest.dropFirst()
        } else if let next = rest.first, !next.isWhitespace {
            if reportLookalikeHeading(leading, at: location, source: source, log: &log) { return nil }
            log.warning(
                "malformed-record-heading",
                "heading starts with the ID \(DiagnosticText.quote(match.id)) but '\(next)' follows it; separate the "
                    + "title with ':', ' - ' or a space to make this a record (it is read as a plain heading)",
                at: location)
            return nil
        }
        var title = rest.trimmed
        // After a colon everything is the title, dashes too (`THR-001: — draft`); without one, a dash may be
        // the separator.
        if !colon {
            for dash in ["- ", "— ", "– "] where title.hasPrefix(dash) {
                title = String(title.dropFirst(dash.count)).trimmed
            }
            if title == "-" || title == "—" || title == "–" { title = "" }
        }
        return RecordHeading(id: match.id, kind: kind, title: title, level: level, location: location)
    }

    /// Reports a heading whose first word looks like an ID of a known kind but has lookalike or invisible
    /// characters (`ТHR-001` with a Cyrillic `Т`): it is not a record, and without this it would vanish silently.
    @discardableResult
    private func reportLookalikeHeading(
        _ leading: String, at location: SourceLocation, source: SourceText, log: inout DiagnosticLog
    ) -> Bool {
        guard let lookalike = RecordID.leadingLookalike(leading),
            let prefix = RecordID.parse(lookalike.id)?.prefix, prefixes.knows(prefix)
        else { return false }
        log.error(
            "lookalike-id", Self.lookalikeMessage(lookalike, reading: "this heading is not a record"),
            at: Self.location(of: lookalike, in: source, from: location))
        return true
    }

    /// `'ТHR-001' looks like the ID THR-001 but has U+0422 CYRILLIC CAPITAL LETTER TE here, so ...`.
    static func lookalikeMessage(_ lookalike: RecordID.Lookalike, reading consequence: String) -> String {
        "\(DiagnosticText.quote(lookalike.token)) looks like the ID \(DiagnosticText.short(lookalike.id)) but has "
            + "\(lookalike.characterDescription) here, so \(consequence); IDs are written in ASCII letters, digits, "
            + "'-' and '.' only: retype it"
    }

    /// Where the lookalike's odd character is: `start` (where the scanned text starts) moved by the character's
    /// byte offset, when the file has that character there. Text that libcmark decoded (`&#x200B;`) is longer in
    /// the file than in the tree; then the scanned text's start is the best place known.
    static func location(of lookalike: RecordID.Lookalike, in source: SourceText, from start: SourceLocation)
        -> SourceLocation
    {
        let line = source.line(start.line)
        let column = start.column + lookalike.offset
        let character = Array(String(lookalike.character).utf8)
        let at = line.startIndex + column - 1
        guard column >= 1, at + character.count <= line.endIndex, line[at..<at + character.count].elementsEqual(character)
        else { return start }
        return SourceLocation(file: start.file, line: start.line, column: column)
    }

    private func record(
        _ heading: RecordHeading, _ blocks: ArraySlice<MarkdownNode>, _ reader: FieldListReader,
        _ validator: FieldValidator, _ references: inout [Reference], _ log: inout DiagnosticLog
    ) -> Record {
        var blocks = blocks
        var fields: [Field] = []
        if let first = blocks.first, reader.isFieldList(first) {
            fields = reader.read(first, log: &log)
            blocks = blocks.dropFirst()
        }
        // `consume`: the record holds the only reference, so validating changes the fields in place.
        var record = Record(
            id: heading.id, kind: heading.kind.name, title: heading.title, location: heading.location,
            headingLevel: heading.level, fields: consume fields, narrative: Array(blocks))
        if heading.title.isEmpty {
            log.warning(
                "record-without-title", "record \(DiagnosticText.short(heading.id)) has no title; write '\(DiagnosticText.short(heading.id)): Title'",
                at: heading.location)
        }
        // The references are gathered in a buffer the file's records share, then stored at their exact size.
        references.removeAll(keepingCapacity: true)
        validateFields(
            &record.fields, specs: heading.kind.fields, owner: "\(heading.kind.name) \(heading.id)",
            kindName: "\(heading.kind.name) records", at: heading.location, validator, into: &references, &log)
        Self.narrativeReferences(record.narrative, validator: validator, into: &references, log: &log)
        record.references = references.copiedToExactSize()
        return record
    }

    /// Validates every field against `specs` (unknown fields warned and kept, duplicates and missing
    /// required fields reported) and returns the references the fields make.
    func validateFields(
        _ fields: inout [Field], specs: [FieldSpec], owner: @autoclosure () -> String,
        kindName: @autoclosure () -> String, at location: SourceLocation,
        _ validator: FieldValidator, _ log: inout DiagnosticLog
    ) -> [Reference] {
        var references: [Reference] = []
        validateFields(
            &fields, specs: specs, owner: owner(), kindName: kindName(), at: location, validator, into: &references, &log)
        return references
    }

    /// `validateFields`, appending the references to `references`.
    func validateFields(
        _ fields: inout [Field], specs: [FieldSpec], owner: @autoclosure () -> String,
        kindName: @autoclosure () -> String, at location: SourceLocation,
        _ validator: FieldValidator, into references: inout [Reference], _ log: inout DiagnosticLog
    ) {
        var seen: [String: SourceLocation] = [:]
        for index in fields.indices {
            let key = fields[index].key
            if let first = seen[key] {
                log.error(
                    "duplicate-field",
                    "field '\(fields[index].name)' appears twice in \(owner()) (first at line \(first.line)); "
                        + "only the first is used",
                    at: fields[index].location)
                fields[index].parsed = .invalid
                continue
            }
            seen[key] = fields[index].location
            guard let spec = specs.first(where: { $0.key == key }) else {
                log.warning(
                    "unknown-field",
                    "unknown field '\(fields[index].name)' for \(kindName()); it is kept and shown as text "
                        + "(known fields: \(specs.map(\.name).joined(separator: ", ")))",
                    at: fields[index].location)
                fields[index].parsed = .text(fields[index].text)
                continue
            }
            validator.validate(&fields[index], as: spec, into: &references, log: &log)
        }
        references += viewReferences(&fields, validator, &log)
        for spec in specs where spec.required && seen[spec.key] == nil {
            log.error("missing-required-field", "\(owner()) is missing required field '\(spec.name)'", at: location)
        }
    }

    /// Elements before flows, whatever their order in the file, so flows can name declared elements.
    private func viewReferences(
        _ fields: inout [Field], _ validator: FieldValidator, _ log: inout DiagnosticLog
    ) -> [Reference] {
        let grammar = ViewGrammar(validator: validator)
        var references: [Reference] = []
        var elements: [ViewElement]?
        if let index = fields.firstIndex(where: { $0.key == "elements" && $0.isKnown }) {
            let (parsed, elementReferences) = grammar.elements(&fields[index], log: &log)
            elements = parsed
            references += elementReferences
        }
        if let index = fields.firstIndex(where: { $0.key == "flows" && $0.isKnown }) {
            references += grammar.flows(&fields[index], elements: elements, log: &log)
        }
        return references
    }

    // MARK: - Pages

    /// The file's H1 and the field list right after it, if it starts that way (HTML comments may come first).
    private func pageHeader(_ preamble: [MarkdownNode], _ reader: FieldListReader) -> ArraySlice<MarkdownNode>? {
        let blocks = preamble.drop { if case .htmlBlock = $0.kind { return true } else { return false } }
        guard let heading = blocks.first, heading.headingLevel == 1, blocks.count > 1,
            reader.isFieldList(blocks[blocks.startIndex + 1])
        else { return nil }
        return blocks
    }

    /// The page a file with a page header is, when its fields name a valid `Section:`.
    private func page(
        _ blocks: ArraySlice<MarkdownNode>, _ reader: FieldListReader, _ validator: FieldValidator,
        _ log: inout DiagnosticLog
    ) -> Page? {
        let heading = blocks[blocks.startIndex]
        let list = blocks[blocks.startIndex + 1]
        var fields = reader.read(list, log: &log)
        guard fields[key: "section"] != nil else {
            log.warning(
                "page-without-section",
                "this file starts with a field list but has no 'Section:' field, so it is not placed in the package",
                at: reader.location(of: list.children.first?.children.first ?? list))
            return nil
        }
        let location = reader.location(of: heading.children.first ?? heading)
        var references = validateFields(
            &fields, specs: Self.pageFields, owner: "this page", kindName: "pages", at: location, validator, &log)
        guard case .choice(let section) = fields[key: "section"]?.parsed else { return nil }
        let narrative = Array(blocks.dropFirst(2))
        references += Self.narrativeReferences(narrative, validator: validator, log: &log)
        return Page(
            title: heading.plainText().trimmed, section: section, location: location, fields: fields,
            narrative: narrative, references: references)
    }

    // MARK: - Narrative

    /// `[ID]` in text (not in code, links or images) whose prefix is known or which is a CVE/CWE/CAPEC id.
    /// A bracketed lookalike of an ID (`[ТHR-001]` with a Cyrillic `Т`) is an error: it would be plain text.
    static func narrativeReferences(
        _ blocks: [MarkdownNode], validator: FieldValidator, log: inout DiagnosticLog
    ) -> [Reference] {
        var references: [Reference] = []
        narrativeReferences(blocks, validator: validator, into: &references, log: &log)
        return references
    }

    /// `narrativeReferences`, appending to `references`.
    static func narrativeReferences(
        _ blocks: [MarkdownNode], validator: FieldValidator, into references: inout [Reference],
        log: inout DiagnosticLog
    ) {
        // Depth first, in document order, without recursion: each level is a list of nodes and the next to visit.
        var stack: [(nodes: [MarkdownNode], next: Int)] = [(blocks, 0)]
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].nodes.count else {
                stack.removeLast()
                continue
            }
            let node = stack[top].nodes[stack[top].next]
            stack[top].next += 1
            switch node.kind {
            case .text(let text):
                reportBracketedLookalikes(in: node, text: text, validator: validator, log: &log)
                // A text node is on one line. Its references are searched for in the source in order, each
                // after the one before, so a repeated `[ID]` is found at its own place, and a line of 100,000
                // references is scanned once. (Offsets in the text alone are not enough: escapes and entities are
                // shorter in the text than in the file, a NUL byte longer.)
                var cursor = node.range.startColumn
                for match in RecordID.bracketed(in: text)
                where validator.prefixes.knows(match.prefix) || ExternalID(match.id) != nil {
                    let line = node.range.startLine
                    let estimate = node.range.startColumn + match.offset
                    let needle = "[\(match.id)]"
                    let found = validator.source.column(of: needle, line: line, from: cursor)
                    if let found { cursor = found + needle.utf8.count }
                    let column = found.map { $0 + 1 } ?? estimate
                    references.append(
                        Reference(
                            target: match.id, context: .narrative,
                            location: SourceLocation(file: validator.file, line: line, column: column)))
                }
            case .link, .image, .code, .codeBlock, .htmlBlock, .htmlInline:
                continue
            default:
                if !node.children.isEmpty { stack.append((node.children, 0)) }
            }
        }
    }

    /// Errors for `[token]`s in a text node that look like IDs of known kinds (or CVE, CWE, CAPEC) but are not.
    private static func reportBracketedLookalikes(
        in node: MarkdownNode, text: String, validator: FieldValidator, log: inout DiagnosticLog
    ) {
        for lookalike in RecordID.bracketedLookalikes(in: text) {
            guard let match = RecordID.parse(lookalike.id),
                validator.prefixes.knows(match.prefix) || ExternalID(match.id) != nil
            else { continue }
            let start = SourceLocation(file: validator.file, line: node.range.startLine, column: node.range.startColumn)
            log.error(
                "lookalike-id", lookalikeMessage(lookalike, reading: "it is not a reference"),
                at: location(of: lookalike, in: validator.source, from: start))
        }
    }
}
