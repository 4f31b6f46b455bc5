import Synchronization

/// Parsed files kept from one load of a project to the next, for `subgen serve`: after an edit, only the files
/// that changed are parsed again.
///
/// A file's parse depends on its bytes, the ID prefixes (from the manifest) and whether the attachment paths it
/// names exist; a kept parse is used only when all three are as they were, so a load with the cache gives
/// exactly what a load without it gives.
public final class ParseCache: Sendable {
    private struct Entry {
        var bytes: [UInt8]
        var prefixes: PrefixTable
        var file: ParsedFile
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// How many files are kept.
    public var count: Int { entries.withLock { $0.count } }

    /// The kept parse of `path`, if it is still what parsing `bytes` would give.
    func file(_ path: String, bytes: [UInt8], prefixes: PrefixTable, attachments: AttachmentResolver) -> ParsedFile? {
        guard let entry = entries.withLock({ $0[path] }), entry.prefixes == prefixes, entry.bytes == bytes else { return nil }
        for (written, outcome) in entry.file.attachmentLookups where attachments.resolve(written, from: path) != outcome {
            return nil
        }
        return entry.file
    }

    func keep(_ file: ParsedFile, bytes: [UInt8], prefixes: PrefixTable) {
        entries.withLock { $0[file.path] = Entry(bytes: bytes, prefixes: prefixes, file: file) }
    }

    /// Forgets every file but `paths` (files deleted or renamed since).
    func retain(only paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
    }
}
