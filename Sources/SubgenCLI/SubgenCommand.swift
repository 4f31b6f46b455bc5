import ArgumentParser
import SubgenCore

/// `subgen`: the root command; each job is a subcommand.
public struct SubgenCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "subgen",
        abstract: "Turn cybersecurity records into the cybersecurity part of an FDA premarket submission.",
        discussion: """
            A project is a folder with a manifest (subgen.md) and Markdown records: threats, risks, controls, \
            requirements, tests, SBOM components, vulnerabilities, architecture views, labeling and plan \
            elements. subgen checks them like a compiler and reports every problem as path:line:column.
            """,
        version: SubgenVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, DumpCommand.self, InitCommand.self, ServeCommand.self, TemplatesCommand.self]
    )

    public init() {}
}

extension SubgenCommand {
    /// Runs the command line; the asynchronous entry point, since `serve` runs a server.
    public static func runAsync() async {
        await main(nil)
    }
}
