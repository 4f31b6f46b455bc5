import ArgumentParser
import SubgenCore
import SubgenModel

extension DiagnosticFormatter.Format: ExpressibleByArgument {}

/// `subgen check`: report every problem in a project, like a compiler.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every problem in a project as path:line:column: error|warning: message.",
        discussion: """
            Reads the whole project (manifest, records, pages, attachments), resolves every reference, runs the \
            coverage checks of the FDA guidance (gaps are warnings) and prints all problems in one run, ordered \
            by file, line and column. Exits with status 1 when there \
            are errors (with --strict, also when there are warnings), 0 otherwise.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Flag(help: "Treat warnings, including coverage gaps, as errors.")
    var strict = false

    @Option(help: "Output format: text (one line per problem) or json (an array of objects with file, line, column, severity, id, message).")
    var format: DiagnosticFormatter.Format = .text

    func run() throws {
        let report = report()
        print(report.output)
        if report.failed { throw ExitCode(1) }
    }

    /// The command's whole output and whether it fails, without printing (tests call this).
    func report() -> (output: String, failed: Bool) {
        let outcome = options.build(strict: strict).check()
        let diagnostics = outcome.diagnostics
        let formatter = options.formatter
        var lines: [String]
        switch format {
        case .json:
            lines = [formatter.json(diagnostics)]
        case .text:
            lines = diagnostics.map(formatter.text)
            if let project = outcome.analysis?.project {
                lines.append(
                    "\(options.project): \(formatter.summary(diagnostics)) "
                        + "(\(project.records.count) records, \(project.pages.count) pages in \(project.files.count) files)")
            }
        }
        return (lines.joined(separator: "\n"), diagnostics.contains { $0.severity == .error })
    }
}
