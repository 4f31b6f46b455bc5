import Foundation

/// Reads a project's Markdown files straight into byte arrays, with a plain reason when that is impossible.
///
/// Only regular files are read. A named pipe named like a record file would block `open` until some other
/// process writes to it, so the file's type is checked first and the file is opened without blocking; a socket
/// or device is refused the same way. Errors are the system's own words (`Permission denied`), not Foundation's
/// generic "the operation could not be completed".
enum ProjectFileReader {
    enum Outcome: Equatable {
        case bytes([UInt8])
        /// Nothing at that path (also a symbolic link that points nowhere).
        case missing
        /// Why the file cannot be read, as a sentence fragment ("it is a folder, not a file").
        case unreadable(String)
    }

    static func read(_ path: String) -> Outcome {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return errno == ENOENT ? .missing : .unreadable(systemError(errno))
        }
        if let problem = refusal(status) { return .unreadable(problem) }
        // O_NONBLOCK: if a pipe took the file's place since the check above, open returns instead of waiting.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .unreadable(systemError(errno)) }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else { return .unreadable(systemError(errno)) }
        if let problem = refusal(status) { return .unreadable(problem) }
        return readAll(descriptor, expected: Int(status.st_size))
    }

    /// Why a file of this type is not read, or nil for a regular file.
    private static func refusal(_ status: stat) -> String? {
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder, not a file"
        case S_IFIFO: return "it is a named pipe (FIFO), not a regular file"
        case S_IFSOCK: return "it is a socket, not a regular file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a regular file"
        default: return "it is not a regular file"
        }
    }

    /// Every byte up to the end of the file, which may have grown or shrunk since its size was taken.
    private static func readAll(_ descriptor: Int32, expected: Int) -> Outcome {
        var failure: Int32?
        /// Fills `buffer` from the file until it is full or the file ends; the number of bytes read.
        func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var count = 0
            while count < buffer.count {
                let read = Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if read > 0 {
                    count += read
                } else if read < 0 && errno == EINTR {
                    continue
                } else {
                    if read < 0 { failure = errno }
                    break
                }
            }
            return count
        }
        // Uninitialized storage, filled by `read` directly: no zeroing pass over large files.
        var wanted = max(expected, 0) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in count = fill(buffer) }
        // Filling the byte beyond the size means the file grew: read the rest in chunks.
        var full = bytes.count == wanted
        while failure == nil, full {
            wanted = max(bytes.count, 4096)
            let chunk = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in count = fill(buffer) }
            bytes += chunk
            full = chunk.count == wanted
        }
        if let failure { return .unreadable(systemError(failure)) }
        return .bytes(bytes)
    }

    private static func systemError(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
