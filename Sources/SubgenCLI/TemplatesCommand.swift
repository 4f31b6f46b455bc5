import ArgumentParser
import Foundation
import SubgenRender

/// `subgen templates export DIR`: the built-in templates, to edit and use with `build --templates`.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the package templates.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in templates (html/, markdown/, assets/) to a folder.",
            discussion: """
                Edit any of them and pass the folder to 'subgen build --templates DIR' (or name it in the \
                manifest's 'Templates:' field); files you delete fall back to the built-in ones. \
                docs/templates.md lists the fields each template receives. Existing files are never overwritten.
                """
        )

        @Argument(help: "The folder to write.", completion: .directory)
        var folder: String

        func run() throws {
            do {
                let files = try TemplateExport.export(to: URL(fileURLWithPath: folder))
                print("wrote \(files.count) template files to \(folder)")
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
