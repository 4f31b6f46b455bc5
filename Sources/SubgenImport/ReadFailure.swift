import Foundation
import SubgenCore

/// Why an evidence file could not be read at all, with the place in the file when it is known.
public struct ReadFailure: Error, Hashable, Sendable {
    public var message: String
    /// 1-based line and column; 0 when the reader cannot tell.
    public var line: Int
    public var column: Int

    public init(_ message: String, line: Int = 0, column: Int = 0) {
        self.message = message
        self.line = line
        self.column = column
    }
}

/// A problem inside a file that was otherwise read (a duplicate `bom-ref`, a dependency naming an unknown
/// component, a component without a name): the rest of the file is still used.
public struct ReadIssue: Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable {
        case error, warning
    }

    public var severity: Severity
    public var message: String
    /// Where in the document, as a JSON path (`$.components[3].name`); empty for the whole document.
    public var jsonPath: String

    public init(_ severity: Severity, _ message: String, at jsonPath: String) {
        self.severity = severity
        self.message = message
        self.jsonPath = jsonPath
    }
}

/// Decoding JSON evidence with Foundation's `JSONDecoder`, turning its errors into a `ReadFailure` that names
/// the place: a line and column for malformed JSON, a JSON path for a value of the wrong shape.
public enum JSONEvidence {
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) -> Result<T, ReadFailure> {
        do {
            return .success(try JSONDecoder().decode(type, from: data))
        } catch let error as DecodingError {
            return .failure(failure(error, data: data))
        } catch {
            return .failure(ReadFailure("invalid JSON: \(error)"))
        }
    }

    /// `$.components[3].name` for a decoder coding path.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var path = "$"
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += "." + key.stringValue
            }
        }
        return path
    }

    static func failure(_ error: DecodingError, data: Data) -> ReadFailure {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return syntaxFailure(data)
        case .dataCorrupted(let context):
            return ReadFailure("\(path(context.codingPath)): \(context.debugDescription)")
        case .typeMismatch(let type, let context):
            return ReadFailure("\(path(context.codingPath)): expected \(describe(type)); \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return ReadFailure("\(path(context.codingPath)): expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            return ReadFailure("\(path(context.codingPath + [key])): missing required member \(DiagnosticText.quote(key.stringValue))")
        @unknown default:
            return ReadFailure("invalid JSON: \(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a value of type \(name)"
        }
    }

    /// Malformed JSON: `JSONSerialization` names the character offset, which becomes a line and column.
    private static func syntaxFailure(_ data: Data) -> ReadFailure {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return ReadFailure("the file is empty", line: 1, column: 1)
        }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch let error as NSError {
            let detail = (error.userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
            if detail.contains("Unexpected end of file") {
                let (line, column) = position(ofOffset: data.count, in: data)
                return ReadFailure("invalid JSON: the file ends early (truncated?)", line: line, column: column)
            }
            if let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
                let offset = Int(detail[range].dropFirst("character ".count))
            {
                let (line, column) = position(ofOffset: offset, in: data)
                return ReadFailure("invalid JSON: \(detail)", line: line, column: column)
            }
            return ReadFailure("invalid JSON: \(detail)", line: 1, column: 1)
        }
        return ReadFailure("invalid JSON", line: 1, column: 1)
    }

    /// 1-based line and column (in bytes) of a byte offset.
    static func position(ofOffset offset: Int, in data: Data) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
