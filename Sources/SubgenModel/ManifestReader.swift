import SubgenCore
import SubgenMarkdown

/// Reads `subgen.md`: the title (H1), the field list after it, the `ID prefixes` section and the narrative.
struct ManifestReader {
    let path = Manifest.fileName

    /// Decodes and parses the manifest's bytes: the parser for every other file (with the manifest's custom
    /// prefixes) and the manifest's own parse, which is nil when the bytes are not UTF-8 (reported in `log`).
    func parse(
        _ bytes: [UInt8], attachments: AttachmentResolver, log: inout DiagnosticLog
    ) -> (parser: SourceFileParser, file: ParsedFile?) {
        switch SourceText.decode(bytes) {
        case .failure(let bad):
            log.append(SourceFileParser.invalidUTF8(path: path, bad))
            return (SourceFileParser(prefixes: PrefixTable(), attachments: attachments), nil)
        case .success(let source):
            let document = MarkdownParser.parseDocument(source.text)
            let parser = SourceFileParser(
                prefixes: prefixes(in: document.root, source: source, log: &log), attachments: attachments)
            return (parser, parser.parse(path: path, source: source, document: document, isManifest: true))
        }
    }

    /// The custom prefixes of the `ID prefixes` section, read before any record so that they apply everywhere.
    func prefixes(in document: MarkdownNode, source: SourceText, log: inout DiagnosticLog) -> PrefixTable {
        var table = PrefixTable()
        guard let (_, list) = prefixSection(in: document.children) else { return table }
        let reader = FieldListReader(source: source, file: path)
        var seen: Set<String> = []
        let builtIn = PrefixTable()
        for item in list.children {
            let location = reader.location(of: item.children.first ?? item)
            guard let (prefix, kindName) = reader.fieldName(in: item) else {
                log.error("invalid-prefix", "write each ID prefix as 'PREFIX: kind', e.g. '- HAZ: risk'", at: location)
                continue
            }
            guard RecordID.parse(prefix + "-1")?.prefix == prefix else {
                log.error(
                    "invalid-prefix",
                    "\(DiagnosticText.quote(prefix)) is not a valid ID prefix: use 2 to 10 capital letters or digits, starting with a letter",
                    at: location)
                continue
            }
            guard let kind = KindCatalog.kind(named: kindName) else {
                log.error(
                    "unknown-kind",
                    "\(DiagnosticText.quote(kindName)) is not a kind of record; use one of: "
                        + KindCatalog.all.map(\.name).joined(separator: ", "),
                    at: location)
                continue
            }
            if ExternalID.prefixes.contains(prefix) {
                log.error("invalid-prefix", "'\(prefix)' is reserved for external identifiers", at: location)
            } else if let existing = builtIn.kinds[prefix], existing != kind.name {
                log.error("invalid-prefix", "'\(prefix)' is the built-in prefix of \(existing) records", at: location)
            } else if !seen.insert(prefix).inserted {
                log.error("duplicate-prefix", "prefix '\(prefix)' is defined twice", at: location)
            } else {
                table.add(prefix, kind: kind.name)
            }
        }
        return table
    }

    /// Builds the manifest from the manifest file's blocks outside records.
    func manifest(
        from file: ParsedFile, parser: SourceFileParser, log: inout DiagnosticLog
    ) -> Manifest {
        let reader = FieldListReader(source: file.source, file: path)
        let validator = FieldValidator(
            source: file.source, file: path, prefixes: parser.prefixes, attachments: parser.attachments)
        var blocks = file.preamble[...]
        if let (heading, list) = prefixSection(in: file.preamble) {
            blocks.removeAll { $0 == heading || $0 == list }
        }
        blocks = blocks.drop { if case .htmlBlock = $0.kind { return true } else { return false } }
        var title = ""
        var location = SourceLocation(file: path)
        if let first = blocks.first, first.headingLevel == 1 {
            title = first.plainText().trimmed
            location = reader.location(of: first.children.first ?? first)
            blocks = blocks.dropFirst()
        }
        if title.isEmpty {
            log.error(
                "manifest-without-title",
                "the manifest has no title; start subgen.md with '# <package title>' (e.g. '# InfuSafe IP-200 "
                    + "Cybersecurity Documentation')",
                at: location)
        }
        var fields: [Field] = []
        if let first = blocks.first, reader.isFieldList(first) {
            fields = reader.read(first, log: &log)
            blocks = blocks.dropFirst()
        }
        _ = parser.validateFields(
            &fields, specs: Manifest.fieldSpecs, owner: "the manifest", kindName: "the manifest", at: location,
            validator, &log)
        var prefixes: [String: String] = [:]
        let builtIn = PrefixTable().kinds
        for (prefix, kind) in parser.prefixes.kinds where builtIn[prefix] == nil { prefixes[prefix] = kind }
        return Manifest(
            title: title, location: location, fields: fields, narrative: Array(blocks), customPrefixes: prefixes)
    }

    /// The `ID prefixes` heading (any level) and the bullet list right after it.
    private func prefixSection(in blocks: [MarkdownNode]) -> (MarkdownNode, MarkdownNode)? {
        for (index, block) in blocks.enumerated()
        where block.isHeading && FieldSpec.normalize(block.plainText()) == "id prefixes" {
            if index + 1 < blocks.count, blocks[index + 1].isBulletList { return (block, blocks[index + 1]) }
        }
        return nil
    }
}
