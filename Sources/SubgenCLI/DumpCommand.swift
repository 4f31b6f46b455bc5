import ArgumentParser
import SubgenCore
import SubgenModel

/// `subgen dump`: print the resolved model.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the resolved model: records, fields, references and backlinks.",
        discussion: """
            With --json, prints stable JSON (sorted keys, project order) for other tools; without it, an \
            outline for reading. Problems found while loading go to standard error; the exit status is 1 \
            when there are errors.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Flag(help: "Print JSON instead of an outline.")
    var json = false

    func run() throws {
        let result = options.load()
        let diagnostics = result.diagnostics.sorted()
        let formatter = options.formatter
        for diagnostic in diagnostics { printError(formatter.text(diagnostic)) }
        guard let project = result.project else { throw ExitCode(1) }
        print(json ? ProjectDump.json(project) : ProjectOutline.text(project))
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
