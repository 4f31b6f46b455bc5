import ArgumentParser
import Dispatch
import Foundation
import SubgenCore
import SubgenRender
import SubgenServe

/// `subgen serve`: preview the package in a browser, rebuilt and reloaded as you edit.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the package in a browser; it rebuilds and reloads when you edit.",
        discussion: """
            Builds the package in memory and serves it at http://127.0.0.1:8080 until you press \
            Ctrl-C. When a record, attachment or template changes, the package is rebuilt and open pages reload \
            by themselves; while the project has errors, pages show them over the last good package. Only \
            files of the package are served.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: "The port to listen on (0 for any free port).")
    var port: UInt16 = 8080

    @Option(help: "The address to listen on; the default serves this machine only.")
    var host = "127.0.0.1"

    @Option(help: "A folder of custom templates (see 'subgen build --templates').", completion: .directory)
    var templates: String?

    func run() async throws {
        // A write to a pipe or socket whose reader is gone (standard output piped into `head`, a `dot` that
        // died) must fail, not end the server.
        signal(SIGPIPE, SIG_IGN)
        Self.raiseDescriptorLimit()
        let session = PreviewSession(
            project: options.url, templates: templates.map { URL(fileURLWithPath: $0) }, renderer: PackageRenderer())
        let server: PreviewServer
        do {
            server = try PreviewServer(session: session, host: host, port: port)
        } catch {
            printError("error: cannot listen on \(host):\(port): \(error)")
            throw ExitCode(1)
        }
        let task = Task { try await server.run() }
        let stop = Self.onInterrupt { task.cancel() }
        defer { stop.forEach { $0.cancel() } }
        Task {
            guard let url = try? await server.url() else { return }
            let formatter = options.formatter
            for diagnostic in session.diagnostics { Self.say(formatter.text(diagnostic)) }
            Self.say("serving \(options.project) at \(url)html/index.html (Ctrl-C stops)")
        }
        do {
            try await task.value
        } catch is CancellationError {
        } catch {
            if !task.isCancelled {
                // Binding happens once the first build is done; failing then means the address was not to be had.
                let listened = (try? await server.url()) != nil
                printError(listened ? "error: \(error)" : "error: cannot listen on \(host):\(port): \(error)")
                throw ExitCode(1)
            }
        }
        Self.say("stopped")
    }

    /// Writes a line to standard output at once (not buffered), so a log or a pipe sees it while serving;
    /// nothing if no one reads it any more.
    static func say(_ line: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Raises the soft limit of open descriptors to the hard one (at most 65,536): each connection takes one,
    /// and the default soft limit of some systems (256 on macOS, 1,024 on many Linux ones) is low.
    static func raiseDescriptorLimit() {
        #if canImport(Glibc)
        let resource = Int32(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return }
        let wanted = min(limit.rlim_max, 65_536)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = wanted
        _ = setrlimit(resource, &limit)
    }

    /// Calls `action` on Ctrl-C or SIGTERM instead of the process dying mid-response.
    /// The sources must be kept alive (and cancelled) by the caller.
    static func onInterrupt(_ action: @escaping @Sendable () -> Void) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            return source
        }
    }
}
