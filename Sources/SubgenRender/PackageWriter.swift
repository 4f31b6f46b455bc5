import CRename
import Foundation

/// Writes a rendered package to its folder so that readers see the old package or the new one, never a mix
/// and never nothing.
///
/// The files go to `.NAME.partial` beside the destination. Only when every file is written is the new folder
/// swapped with the old one in one step (`renameat2` with `RENAME_EXCHANGE`), and the old one, now at the
/// partial path, deleted; a first package is simply renamed into place. Killed at any moment, the process
/// leaves the old package or the new one at the destination, and at most a stale `.NAME.partial` that the
/// next write deletes. Where the file system cannot swap, the old package is first moved to `.NAME.previous`;
/// if the process dies between the two moves, the next write restores it.
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
        guard manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) else {
            // The folder will be created: whatever exists of its parents must be folders.
            var parent = destination.deletingLastPathComponent()
            while parent.path != "/" && !manager.fileExists(atPath: parent.path, isDirectory: &isDirectory) {
                parent = parent.deletingLastPathComponent()
            }
            guard isDirectory.boolValue || parent.path == "/" else {
                throw Failure(description: "\(parent.path) is a file, so the output folder cannot be made inside it; choose another --output")
            }
            return
        }
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

    /// Writes a package held in memory.
    public func write(_ package: RenderedPackage) throws {
        try write { sink in
            for file in package.files { try sink(file.path, file.data) }
        }
    }

    /// Renders the package straight into the new folder, file by file, with its hash manifest.
    public func write(_ package: PreparedPackage) throws {
        try write { sink in
            let digests = try package.make(sink)
            try sink(PackageRenderer.manifestFile, PreparedPackage.manifest(digests))
        }
    }

    /// Runs `produce`, which hands every file to the sink it is given (from any thread), then moves the new folder
    /// into place.
    private func write(_ produce: (@escaping @Sendable (String, Data) throws -> Void) throws -> Void) throws {
        let manager = FileManager.default
        try validateDestination()
        try recover()
        try? manager.removeItem(at: partial)
        let partial = self.partial
        do {
            try manager.createDirectory(at: partial, withIntermediateDirectories: true)
            try produce { path, data in
                let url = partial.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        } catch {
            try? manager.removeItem(at: partial)
            throw Failure(description: "cannot write the package: \(error.localizedDescription)")
        }
        do {
            if manager.fileExists(atPath: destination.path) {
                if subgen_exchange_paths(partial.path, destination.path) == 0 {
                    // The old package is now the partial folder.
                    try? manager.removeItem(at: partial)
                    return
                }
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
