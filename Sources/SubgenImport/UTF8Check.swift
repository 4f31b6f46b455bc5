import Foundation

/// Finding the first byte of a file that is not UTF-8, for the readers that must not hand such bytes on.
enum UTF8Check {
    /// The offset of the first byte that does not start or continue a valid UTF-8 character; nil when every
    /// byte does.
    static func firstInvalidOffset(in data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            // The standard library's validation is the fast check; the scalar-by-scalar one finds where it fails.
            if String(validating: bytes, as: UTF8.self) != nil { return nil }
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = bytes.makeIterator()
            var offset = 0
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let scalar): offset += scalar.count
                case .emptyInput: return nil
                case .error: return offset
                }
            }
        }
    }

    /// The failure for a file whose byte at `offset` is not UTF-8, at that byte's line and column.
    static func failure(_ data: Data, at offset: Int, format: String) -> ReadFailure {
        let (line, column) = JSONEvidence.position(ofOffset: offset, in: data)
        let byte = String(format: "0x%02X", data[data.startIndex + offset])
        return ReadFailure(
            "not UTF-8: the byte \(byte) here is not part of a UTF-8 character (\(format) must be UTF-8)",
            line: line, column: column)
    }
}
