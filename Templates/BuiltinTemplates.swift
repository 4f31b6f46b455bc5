import Foundation

/// The built-in templates and assets, shipped with the binary as SwiftPM resources.
public enum BuiltinTemplates {
    /// The folder holding `html/`, `markdown/` and `assets/`.
    public static var folder: URL {
        Bundle.module.resourceURL ?? Bundle.module.bundleURL
    }

    /// The project `subgen init` writes: a manifest, one example record of each kind and the pages the
    /// guidance expects.
    public static var starterProject: URL {
        folder.appendingPathComponent("init")
    }
}
