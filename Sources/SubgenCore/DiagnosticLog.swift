/// Collects the diagnostics of one run; each stage appends and nothing stops at the first problem.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init(_ diagnostics: [Diagnostic] = []) {
        self.diagnostics = diagnostics
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public mutating func error(_ id: String, _ message: String, at location: SourceLocation) {
        append(.error(id, message, at: location))
    }

    public mutating func warning(_ id: String, _ message: String, at location: SourceLocation) {
        append(.warning(id, message, at: location))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The diagnostics in report order, without exact duplicates; with `strict`, warnings become errors.
    public func sorted(strict: Bool = false) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics
            .map { diagnostic in
                var diagnostic = diagnostic
                if strict { diagnostic.severity = .error }
                return diagnostic
            }
            .filter { seen.insert($0).inserted }
            .sorted()
    }
}
