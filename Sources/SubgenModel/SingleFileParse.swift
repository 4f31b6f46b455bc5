import Foundation
import SubgenCore

/// What one Markdown file gives when it is parsed on its own, outside a project load.
public struct SingleFileParse: Sendable {
    /// The file's records: fields validated, references gathered but not resolved.
    public var records: [Record]
    /// The page the file is, when it starts with a title and a `Section:` field.
    public var page: Page?
    /// Everything reported about the file.
    public var diagnostics: DiagnosticLog
}

extension ProjectLoader {
    /// Reads `bytes` as the project's `subgen.md`, exactly as `load` does: UTF-8 decoding, libcmark, the
    /// `ID prefixes` section and the manifest's fields. Attachment paths are checked against `root`.
    ///
    /// The manifest is nil when the bytes are not UTF-8; `prefixes` are then the built-in ones.
    public static func parseManifest(
        _ bytes: [UInt8], root: URL
    ) -> (manifest: Manifest?, prefixes: PrefixTable, diagnostics: DiagnosticLog) {
        var log = DiagnosticLog()
        let reader = ManifestReader()
        let (parser, file) = reader.parse(bytes, attachments: AttachmentResolver(root: root), log: &log)
        guard let file else { return (nil, parser.prefixes, log) }
        log.append(contentsOf: file.diagnostics.diagnostics)
        let manifest = reader.manifest(from: file, parser: parser, log: &log)
        return (manifest, parser.prefixes, log)
    }

    /// Parses `bytes` as the record file at project-relative `path`, exactly as `load` parses each file:
    /// UTF-8 decoding, libcmark, record and page extraction and field validation, with `prefixes` (the
    /// built-in ones, or a manifest's from `parseManifest`). Attachment paths are checked against `root`.
    ///
    /// Nothing that needs the other files is done: no duplicate-ID check and no reference resolution.
    public static func parseFile(
        _ bytes: [UInt8], path: String, prefixes: PrefixTable = PrefixTable(), root: URL
    ) -> SingleFileParse {
        let file = SourceFileParser(prefixes: prefixes, attachments: AttachmentResolver(root: root))
            .parse(path: path, bytes: bytes)
        return SingleFileParse(records: file.records, page: file.page, diagnostics: file.diagnostics)
    }
}
