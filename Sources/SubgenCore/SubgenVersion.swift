/// The tool's version, printed by `--version` and in every generated page.
public enum SubgenVersion {
    public static let current = "0.1.0"
    /// `subgen 0.1.0`.
    public static var generator: String { "subgen \(current)" }
}
