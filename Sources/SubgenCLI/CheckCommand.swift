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
            Reads the whole project (manifest, records, pages, attachments), resolves every reference and
            prints all problems in one run, ordered by file, line and column. Exits with status 1 when there
            are errors (with --strict, also when there are warnings), 0 otherwise.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "Output format: text (one line per problem) or json (an array of objects with file, line, column, severity, id, message).")
    var format: DiagnosticFormatter.Format = .text

    func run() throws {
        let result = options.load()
        let diagnostics = result.diagnostics.sorted(strict: strict)
        let formatter = options.formatter
        switch format {
        case .json:
            print(formatter.json(diagnostics))
        case .text:
            for diagnostic in diagnostics { print(formatter.text(diagnostic)) }
            if let project = result.project {
                print(
                    "\(formatter.displayPath("")): \(formatter.summary(diagnostics)) "
                        + "(\(project.records.count) records, \(project.pages.count) pages in \(project.files.count) files)")
            }
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
