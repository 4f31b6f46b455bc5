import Foundation

/// Writes a rendered package to its folder so that readers see the old package or the new one, never a mix.
///
/// The files go to `.NAME.partial` beside the destination; only when every file is written is the old package
/// moved to `.NAME.previous`, the new one moved into place, and the old one deleted. If the process dies between
/// the two moves, the next write first restores `.NAME.previous`.
public struct PackageWriter: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let destination: URL

    public init(destination: URL) {
        self.destination = destination.standardizedFileURL
    }

    private var partial: URL { sibling("partial") }
    private var previous: URL { sibling("previous") }

    private func sibling(_ suffix: String) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(suffix)")
    }

    /// Checks the destination can be replaced: absent, empty, or a previous package (it has MANIFEST.sha256).
    public func validateDestination() throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw Failure(description: "the output path is a file, not a folder; choose another --output")
        }
        let contents = (try? manager.contentsOfDirectory(atPath: destination.path)) ?? []
        if !contents.isEmpty && !contents.contains(PackageRenderer.manifestFile) {
            throw Failure(
                description: "the output folder exists and is not a subgen package (it has no "
                    + "\(PackageRenderer.manifestFile)); refusing to replace it; choose another --output or empty it")
        }
    }

    public func write(_ package: RenderedPackage) throws {
        let manager = FileManager.default
        try validateDestination()
        try recover()
        try? manager.removeItem(at: partial)
        do {
            try manager.createDirectory(at: partial, withIntermediateDirectories: true)
            for file in package.files {
                let url = partial.appendingPathComponent(file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url)
            }
        } catch {
            try? manager.removeItem(at: partial)
            throw Failure(description: "cannot write the package: \(error.localizedDescription)")
        }
        do {
            if manager.fileExists(atPath: destination.path) {
                try manager.moveItem(at: destination, to: previous)
            }
            try manager.moveItem(at: partial, to: destination)
        } catch {
            try? recover()
            try? manager.removeItem(at: partial)
            throw Failure(description: "cannot move the package into place: \(error.localizedDescription)")
        }
        try? manager.removeItem(at: previous)
    }

    /// Puts back a previous package left aside by an interrupted write; drops it if the new one is in place.
    public func recover() throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: previous.path) else { return }
        if manager.fileExists(atPath: destination.path) {
            try manager.removeItem(at: previous)
        } else {
            try manager.moveItem(at: previous, to: destination)
        }
    }
}
