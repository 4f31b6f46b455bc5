/// Follows the bytes a client sends line by line, without parsing HTTP, to keep request heads small before
/// FlyingFox reads them: FlyingFox 0.27.1 collects a line with work that grows with the square of its length
/// (a 16 KiB line takes seconds, a 100 KiB one minutes), and nothing in it bounds a line or a head.
///
/// A head starts with the first line after an empty line (or the connection's first line) and ends with the
/// next empty line. Request bodies are not told apart from heads: the preview takes none, and a short one is
/// simply counted as lines.
struct RequestHeadScanner {
    /// Why the client's bytes are refused: the HTTP status the connection is answered with before it closes.
    enum Refusal: Int, Sendable {
        /// A request line longer than a target may be.
        case targetTooLong = 414
        /// A header field line, or the whole head, too large.
        case headTooLarge = 431
        /// An over-long first line that is not a request line.
        case badRequest = 400
    }

    let maxRequestLine: Int
    let maxFieldLine: Int
    let maxHeadBytes: Int

    /// Bytes of the current line so far.
    private(set) var lineLength = 0
    /// Bytes of the finished lines of the current head.
    private var headBytes = 0
    /// Lines finished in the current head (0 while on its request line).
    private var lineIndex = 0
    /// The current line has a space among its first bytes, as a request line (`GET /path HTTP/1.1`) has.
    private var looksLikeRequestLine = false
    private var lastByte: UInt8 = 0
    /// Heads completed so far.
    private(set) var completedHeads = 0

    init(limits: PreviewLimits) {
        // The request line is the method, the target and the version: some room beyond the target.
        maxRequestLine = limits.maxTargetLength + 32
        maxFieldLine = limits.maxFieldLineLength
        maxHeadBytes = limits.maxHeadBytes + maxRequestLine
    }

    /// A head has begun and not ended yet.
    var isInHead: Bool { headBytes + lineLength > 0 }

    /// Takes in the next bytes; a refusal as soon as one of them passes a limit.
    mutating func scan(_ bytes: some Sequence<UInt8>) -> Refusal? {
        for byte in bytes {
            defer { lastByte = byte }
            guard byte == UInt8(ascii: "\n") else {
                lineLength += 1
                if lineIndex == 0, lineLength <= 24, byte == UInt8(ascii: " ") { looksLikeRequestLine = true }
                if lineIndex == 0, lineLength > maxRequestLine { return looksLikeRequestLine ? .targetTooLong : .badRequest }
                if lineIndex > 0, lineLength > maxFieldLine { return .headTooLarge }
                if headBytes + lineLength > maxHeadBytes { return .headTooLarge }
                continue
            }
            let isEmpty = lineLength == 0 || (lineLength == 1 && lastByte == UInt8(ascii: "\r"))
            if isEmpty && lineIndex > 0 {
                completedHeads += 1
                headBytes = 0
                lineIndex = 0
            } else if !isEmpty {
                headBytes += lineLength + 1
                lineIndex += 1
            }
            lineLength = 0
            looksLikeRequestLine = false
        }
        return nil
    }
}
