import Foundation
import SubgenImport
import Synchronization

/// Evidence files decoded by one load of a project, kept for the next, for `subgen serve`: an SBOM of thousands
/// of components is decoded again only when its bytes change.
public final class EvidenceCache: Sendable {
    /// What reading a file's bytes as a role gives; depends on nothing else.
    struct Decoded: Sendable {
        var content: Result<EvidenceFile.Content, ReadFailure>
        var locator: JSONLocator
    }

    private struct Entry {
        var role: EvidenceLoader.Role
        var data: Data
        var decoded: Decoded
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// How many files are kept.
    public var count: Int { entries.withLock { $0.count } }

    func decoded(_ path: String, as role: EvidenceLoader.Role, data: Data) -> Decoded? {
        guard let entry = entries.withLock({ $0[path] }), entry.role == role, entry.data == data else { return nil }
        return entry.decoded
    }

    func keep(_ path: String, as role: EvidenceLoader.Role, data: Data, _ decoded: Decoded) {
        entries.withLock { $0[path] = Entry(role: role, data: data, decoded: decoded) }
    }

    /// Forgets every file but `paths`.
    func retain(only paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
    }
}
