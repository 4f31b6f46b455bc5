import Foundation

/// Path helpers shared by everything that must keep file access inside a folder.
public enum FilePaths {
    /// The absolute path with every symbolic link resolved, or nil if it does not exist.
    public static func real(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
