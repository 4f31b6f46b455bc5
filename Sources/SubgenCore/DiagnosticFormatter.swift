import Foundation

/// Writes diagnostics the way compilers do, or as JSON for editors and CI.
public struct DiagnosticFormatter: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text
        case json
    }

    /// Prepended to every project-relative path (absolute paths, such as templates', are printed as they are), so printed paths open from the user's working directory.
    public var pathPrefix: String

    public init(pathPrefix: String = "") {
        self.pathPrefix = pathPrefix
    }

    public func displayPath(_ file: String) -> String {
        if pathPrefix.isEmpty || pathPrefix == "." || pathPrefix == "./" || file.hasPrefix("/") { return file }
        if file.isEmpty { return pathPrefix }
        return pathPrefix.hasSuffix("/") ? pathPrefix + file : pathPrefix + "/" + file
    }

    /// `path:line:column: severity: message`, one line per diagnostic. Control, invisible and bidirectional
    /// characters in the path or message are written as `<U+202E>`, so the line shows what it says, in order.
    public func text(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        return "\(DiagnosticText.visible(displayPath(location.file))):\(location.line):\(location.column): "
            + "\(diagnostic.severity.rawValue): \(DiagnosticText.visible(diagnostic.message))"
    }

    /// A one-line summary such as `2 errors, 1 warning`.
    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    /// A JSON array with one object per diagnostic: file, line, column, severity, id, message, all exact (JSON
    /// escapes what needs escaping; tools that show messages to people should show invisible characters).
    public func json(_ diagnostics: [Diagnostic]) -> String {
        struct Entry: Encodable {
            var file: String
            var line: Int
            var column: Int
            var severity: String
            var id: String
            var message: String
        }
        let entries = diagnostics.map {
            Entry(
                file: displayPath($0.location.file), line: $0.location.line, column: $0.location.column,
                severity: $0.severity.rawValue, id: $0.id, message: $0.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
