import Foundation
import SubgenCore

/// Checks file fields: relative paths that stay inside the project (also through symlinks) and exist.
struct AttachmentResolver: Sendable {
    /// The project folder (absolute, as given).
    let root: String
    /// The project folder with symlinks resolved.
    let realRoot: String

    init(root: URL) {
        self.root = root.path
        self.realRoot = Self.realPath(root.path) ?? root.path
    }

    enum Failure: Error, Equatable {
        case empty
        case absolute
        case url
        case escapes
        case symlinkEscapes
        case missing(String)
        case notAFile(String)
    }

    /// The project-relative normalised path of `written`, named in the file at project-relative `file`.
    func resolve(_ written: String, from file: String) -> Result<String, Failure> {
        let path = written.trimmed
        if path.isEmpty { return .failure(.empty) }
        if path.hasPrefix("/") || path.hasPrefix("~") || path.hasPrefix("\\") { return .failure(.absolute) }
        if let colon = path.firstIndex(of: ":"), path[..<colon].allSatisfy({ $0.isLetter }),
            path.distance(from: path.startIndex, to: colon) >= 1
        {
            // `C:` drive letters and `https:` style schemes are not project paths.
            return .failure(path.distance(from: path.startIndex, to: colon) == 1 ? .absolute : .url)
        }
        var components = file.split(separator: "/").dropLast().map(String.init)
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                if components.isEmpty { return .failure(.escapes) }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        let relative = components.joined(separator: "/")
        if relative.isEmpty { return .failure(.notAFile(".")) }
        let absolute = root + "/" + relative
        guard let real = Self.realPath(absolute) else { return .failure(.missing(relative)) }
        guard real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else {
            return .failure(.symlinkEscapes)
        }
        // Only regular files: reading a named pipe (FIFO) would wait forever for a writer, and a device or socket
        // is not a document either.
        var status = stat()
        guard stat(real, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(.notAFile(relative))
        }
        return .success(relative)
    }

    static func realPath(_ path: String) -> String? { FilePaths.real(path) }
}
