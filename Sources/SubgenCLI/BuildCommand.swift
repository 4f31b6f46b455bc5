import ArgumentParser
import SubgenCore

/// `subgen build`: write the submission package (HTML and Markdown) if the project has no errors.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write the submission package as HTML and Markdown.",
        discussion: """
            Checks the project like 'subgen check', then writes the package to PROJECT/submission (or \
            --output): html/ (open html/index.html), markdown/ (README.md first), attachments/ and \
            MANIFEST.sha256 (verify with 'sha256sum -c MANIFEST.sha256' in the package folder). Nothing is \
            written while errors remain; the previous package is then left as it was. The new package replaces \
            the old one only once it is complete.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(name: .shortAndLong, help: "The package folder (default: PROJECT/submission).", completion: .directory)
    var output: String?

    @Flag(help: "Treat warnings, including coverage gaps, as errors.")
    var strict = false

    @Option(
        help: "A folder of custom templates (html/, markdown/, assets/) replacing built-in ones of the same name.",
        completion: .directory)
    var templates: String?

    func run() throws {
        let report = report()
        print(report.output)
        if report.failed { throw ExitCode(1) }
    }

    /// The command's whole output and whether it fails, without printing (tests call this).
    func report() -> (output: String, failed: Bool) {
        let outcome = options.build(output: output, strict: strict, templates: templates).build()
        let formatter = options.formatter
        var lines = outcome.diagnostics.map(formatter.text)
        let summary = formatter.summary(outcome.diagnostics)
        if let written = outcome.written {
            lines.append("\(options.project): \(summary)")
            lines.append("wrote the package to \(written.path)")
            lines.append("  HTML:     \(written.appendingPathComponent("html/index.html").path)")
            lines.append("  Markdown: \(written.appendingPathComponent("markdown/README.md").path)")
        } else {
            lines.append("\(options.project): \(summary); the package was not written")
        }
        return (lines.joined(separator: "\n"), outcome.failed)
    }
}
