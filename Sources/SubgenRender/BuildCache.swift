import Foundation
import SubgenEvidence
import SubgenModel
import Synchronization

/// What one build keeps for the next build of the same project (`subgen serve` rebuilds after every edit):
/// parsed record files, decoded evidence files and drawn diagrams, each used only while its inputs are
/// unchanged, so a cached build gives the same package as a fresh one.
public final class BuildCache: Sendable {
    public let parses = ParseCache()
    public let evidence = EvidenceCache()
    /// DOT text -> SVG.
    private let diagrams = Mutex<[String: String]>([:])
    /// Attachment path -> its bytes and their SHA-256.
    private let digests = Mutex<[String: (data: Data, sha256: String)]>([:])

    public init() {}

    func diagram(_ dot: String) -> String? { diagrams.withLock { $0[dot] } }

    /// The SHA-256 of an attachment's bytes, computed again only when they change.
    func sha256(of data: Data, at path: String) -> String {
        if let kept = digests.withLock({ $0[path] }), kept.data == data { return kept.sha256 }
        let digest = PackageRenderer.sha256(data)
        digests.withLock { $0[path] = (data, digest) }
        return digest
    }

    /// Forgets the digests of attachments this build no longer has.
    func keepDigests(only paths: Set<String>) {
        digests.withLock { digests in digests = digests.filter { paths.contains($0.key) } }
    }

    /// Keeps the diagrams of this build only.
    func keepDiagrams(_ drawn: [String: String]) { diagrams.withLock { $0 = drawn } }
}
