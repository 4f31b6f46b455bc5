import ArgumentParser
import Foundation
import SubgenRender

/// `subgen init [DIR]`: a new project that checks without errors, to fill in.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new project: a manifest, an example record of each kind and the expected pages.",
        discussion: """
            Each file says in a sentence what the FDA expects there. The project passes 'subgen check' with \
            no errors (the warnings are the gaps left to fill). Existing files are never overwritten: if any \
            of the files exists, nothing is written.
            """
    )

    @Argument(help: "The folder to create the project in.", completion: .directory)
    var folder: String = "."

    func run() throws {
        do {
            let files = try TemplateExport.createProject(at: URL(fileURLWithPath: folder))
            print("created a subgen project with \(files.count) files in \(folder)")
            print("next: edit \(folder)/subgen.md, then run 'subgen check \(folder)'")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
