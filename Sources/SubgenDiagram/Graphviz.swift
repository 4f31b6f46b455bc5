import Foundation

/// Runs Graphviz's `dot` program to turn DOT into SVG.
///
/// subgen calls the program rather than linking libgvc: the program is what Debian's `graphviz` package
/// installs, its absence is easy to detect and report, and a crash or hang in Graphviz cannot take subgen
/// down with it.
public struct Graphviz: Sendable {
    public enum Failure: Error, Equatable, Sendable {
        /// `dot` exited with an error; its message.
        case failed(String)
        case couldNotRun(String)
    }

    /// The `dot` executable.
    public let executable: URL

    public init(executable: URL) {
        self.executable = executable
    }

    /// The `dot` on `PATH`, if there is one.
    public static func onPath(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Graphviz? {
        for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("dot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return Graphviz(executable: candidate) }
        }
        return nil
    }

    /// The install command to suggest when `dot` is missing.
    public static let installHint = "sudo apt-get install graphviz"

    /// The SVG of `dot`, cleaned for embedding (see `SVGCleaner`).
    public func svg(_ dot: String) -> Result<String, Failure> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-dot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("view.dot")
        let output = folder.appendingPathComponent("view.svg")
        let errors = folder.appendingPathComponent("errors.txt")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(dot.utf8).write(to: input)
            try Data().write(to: errors)
            let process = Process()
            process.executableURL = executable
            process.arguments = ["-Tsvg", "-o", output.path, input.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            process.waitUntilExit()
            let message = (try? String(contentsOf: errors, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard process.terminationStatus == 0, let svg = try? String(contentsOf: output, encoding: .utf8) else {
                return .failure(.failed(message.isEmpty ? "dot exited with status \(process.terminationStatus)" : message))
            }
            return .success(SVGCleaner.clean(svg))
        } catch {
            return .failure(.couldNotRun("\(error)"))
        }
    }
}

/// Makes Graphviz's SVG fit for embedding in HTML: the XML declaration, the DOCTYPE and comments (which
/// name the Graphviz version and the node ids) are removed, so the same records give the same bytes
/// wherever the same Graphviz runs; links use SVG 2's `href` instead of `xlink:href`; the per-object
/// `<title>`s (internal node ids such as `n1`) and `xlink:title` tooltips go; the size is given in pixels.
public enum SVGCleaner {
    public static func clean(_ svg: String) -> String {
        var text = stripMarkup(svg)
        text = text.replacingOccurrences(of: #" xlink:title="[^"]*""#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: " xlink:href=\"", with: " href=\"")
        text = text.replacingOccurrences(of: #" xmlns:xlink="[^"]*""#, with: "", options: .regularExpression)
        // Keep the graph's own title (the first), drop those of zones, elements and flows.
        if let first = text.range(of: "</title>") {
            let rest = text[first.upperBound...].replacingOccurrences(
                of: #"\n?<title>[^<]*</title>"#, with: "", options: .regularExpression)
            text = String(text[..<first.upperBound]) + rest
        }
        for dimension in ["width", "height"] {
            guard let range = text.range(of: #" \#(dimension)="([0-9.]+)pt""#, options: .regularExpression) else { continue }
            let value = text[range].split(separator: "\"")[1].dropLast(2)
            let pixels = Int(((Double(value) ?? 0) * 4 / 3).rounded())
            text.replaceSubrange(range, with: " \(dimension)=\"\(pixels)\"")
        }
        return text
    }

    /// The text without XML declaration, DOCTYPE, comments and the blank lines they leave.
    private static func stripMarkup(_ svg: String) -> String {
        var text = Substring(svg)
        var result = ""
        while let start = text.range(of: "<") {
            result += text[..<start.lowerBound]
            let rest = text[start.lowerBound...]
            if rest.hasPrefix("<!--"), let end = rest.range(of: "-->") {
                text = rest[end.upperBound...]
            } else if rest.hasPrefix("<?") || rest.hasPrefix("<!DOCTYPE"), let end = rest.range(of: ">") {
                text = rest[end.upperBound...]
            } else if let end = rest.range(of: ">") {
                result += rest[..<end.upperBound]
                text = rest[end.upperBound...]
            } else {
                result += rest
                text = ""
            }
        }
        result += text
        // Graphviz leaves the lines the removed parts stood on empty.
        return result.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n") + "\n"
    }
}
