import Foundation
import SubgenCore
import SubgenModel
import SubgenPackage
import SubgenTemplates

/// One `subgen build` or `subgen check`: load, check coverage, and (for a build) render and write the package.
public struct PackageBuild: Sendable {
    /// The outcome: every diagnostic in report order, and where the package was written (nil if it was not).
    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic]
        public var analysis: PackageAnalysis?
        public var written: URL?

        public var failed: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public var project: URL
    /// The package folder; `PROJECT/submission` by default.
    public var output: URL
    /// Coverage warnings (and all other warnings) become errors.
    public var strict: Bool
    public var renderer: PackageRenderer
    /// Custom templates given on the command line (`--templates`); they win over the manifest's `Templates:`.
    public var templates: URL?
    /// What an earlier build of the same project kept (`subgen serve`); nil for a fresh build.
    public var cache: BuildCache?

    public init(
        project: URL, output: URL? = nil, strict: Bool = false, templates: URL? = nil, renderer: PackageRenderer,
        cache: BuildCache? = nil
    ) {
        self.cache = cache
        self.project = project.standardizedFileURL
        self.output = (output ?? project.appendingPathComponent(ProjectLoader.defaultOutputFolder)).standardizedFileURL
        self.strict = strict
        self.templates = templates?.standardizedFileURL
        self.renderer = renderer
    }

    /// The renderer with the custom templates of `--templates` or the manifest applied, or the error.
    func customizedRenderer(for manifest: Manifest) -> (renderer: PackageRenderer?, problem: Diagnostic?) {
        var renderer = self.renderer
        let folder: URL
        let display: String
        let location: SourceLocation
        if let templates {
            (folder, display, location) = (templates, templates.path, SourceLocation(file: templates.path, line: 1, column: 1))
        } else if let written = manifest.templates {
            (folder, display, location) = (project.appendingPathComponent(written.path).standardizedFileURL, written.path, written.location)
        } else {
            return (renderer, nil)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, .error("templates-missing", "the custom templates folder '\(display)' does not exist", at: location))
        }
        renderer.overrides = folder
        renderer.overridesDisplayName = display
        return (renderer, nil)
    }

    /// The output folder relative to the project, if it is inside it (the loader must not read it).
    var outputInsideProject: String? {
        let root = project.resolvingSymlinksInPath().path
        let out = output.resolvingSymlinksInPath().path
        guard out.hasPrefix(root + "/") else { return nil }
        return String(out.dropFirst(root.count + 1))
    }

    /// Loads and checks the project without writing anything.
    public func check() -> Outcome {
        var log = DiagnosticLog()
        let excluded = Set([ProjectLoader.defaultOutputFolder] + (outputInsideProject.map { [$0] } ?? []))
        let result = ProjectLoader(excludedFolders: excluded, cache: cache?.parses).load(project)
        log.append(contentsOf: result.diagnostics.diagnostics)
        var analysis: PackageAnalysis?
        if let loaded = result.project {
            let (checked, diagnostics) = PackageAnalysis.withEvidence(loaded, root: project, cache: cache?.evidence)
            log.append(contentsOf: diagnostics + checked.diagnostics)
            analysis = checked
        }
        return Outcome(diagnostics: log.sorted(strict: strict), analysis: analysis, written: nil)
    }

    /// Checks, then prepares the package in memory if there are no errors (nothing is rendered or written).
    public func prepare() -> (outcome: Outcome, package: PreparedPackage?) {
        prepare(check())
    }

    private func prepare(_ checked: Outcome) -> (outcome: Outcome, package: PreparedPackage?) {
        var outcome = checked
        guard !outcome.failed, let analysis = outcome.analysis else { return (outcome, nil) }
        let (customized, problem) = customizedRenderer(for: analysis.project.manifest)
        guard let renderer = customized else {
            outcome.diagnostics += problem.map { [$0] } ?? []
            return (outcome, nil)
        }
        var log = DiagnosticLog()
        let package = renderer.prepare(analysis, projectRoot: project, cache: cache, log: &log)
        // Preparing may warn (Graphviz missing); with --strict that is an error and nothing is written.
        outcome.diagnostics += log.sorted(strict: strict)
        return (outcome, outcome.failed ? nil : package)
    }

    /// Checks, then renders and writes the package if there are no errors; the previous package is kept otherwise.
    public func build() -> Outcome {
        var outcome = check()
        let outputLocation = SourceLocation(file: output.path, line: 1, column: 1)
        let root = project.resolvingSymlinksInPath().path
        let out = output.resolvingSymlinksInPath().path
        if out == root || root.hasPrefix(out.hasSuffix("/") ? out : out + "/") {
            // Replacing the output folder would delete the project; nothing more needs saying about it.
            outcome.diagnostics.append(
                .error("output-contains-project", "the output folder would contain the project; choose another --output", at: outputLocation))
        } else {
            do {
                try PackageWriter(destination: output).validateDestination()
            } catch {
                outcome.diagnostics.append(.error("output-not-writable", "\(error)", at: outputLocation))
            }
        }
        let prepared: PreparedPackage?
        (outcome, prepared) = prepare(outcome)
        guard let prepared else { return outcome }
        do {
            try PackageWriter(destination: output).write(prepared)
            outcome.written = output
        } catch {
            outcome.diagnostics.append(.error("output-not-writable", "\(error)", at: outputLocation))
        }
        return outcome
    }
}
