import SubgenImport
import SubgenModel

/// Every evidence file of a project that could be read, by project-relative path.
public struct Evidence: Sendable {
    public var files: [String: EvidenceFile]

    public init(files: [String: EvidenceFile] = [:]) {
        self.files = files
    }

    /// The file a record's file field names, if it was read.
    public func file(_ record: Record, _ field: String) -> EvidenceFile? {
        guard case .file(let attachment) = record.value(field) else { return nil }
        return files[attachment.path]
    }
}
