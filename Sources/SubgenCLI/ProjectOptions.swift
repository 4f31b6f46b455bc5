import ArgumentParser
import Foundation
import SubgenCore
import SubgenModel
import SubgenRender

/// The project folder argument shared by the subcommands.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "The project folder, holding subgen.md.", completion: .directory)
    var project: String = "."

    var url: URL { URL(fileURLWithPath: project) }

    /// Prints paths the way the user typed the project, so they open from the working directory.
    var formatter: DiagnosticFormatter {
        var prefix = project
        while prefix.count > 1 && prefix.hasSuffix("/") { prefix.removeLast() }
        return DiagnosticFormatter(pathPrefix: prefix)
    }

    func load() -> LoadResult {
        ProjectLoader().load(url)
    }

    /// A build of this project (`check()` only loads and checks).
    func build(output: String? = nil, strict: Bool = false, templates: String? = nil) -> PackageBuild {
        PackageBuild(
            project: url, output: output.map { URL(fileURLWithPath: $0) }, strict: strict,
            templates: templates.map { URL(fileURLWithPath: $0) }, renderer: PackageRenderer())
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
