import SubgenMarkdown

/// One of the two trees the package is written as.
public enum OutputFormat: String, CaseIterable, Sendable {
    case html
    case markdown

    /// The folder under the package root and under `Templates/`.
    public var folder: String { rawValue }

    public var fileExtension: String { self == .html ? "html" : "md" }

    /// The overview's file name: `index.html`, or `README.md` so code-hosting sites show it for the folder.
    public var overviewFile: String { self == .html ? "index.html" : "README.md" }

    /// The file name of a page whose base name is `base` (`overview` maps to the overview file).
    public func fileName(_ base: String) -> String {
        base == "overview" ? overviewFile : "\(base).\(fileExtension)"
    }

    /// Narrative blocks rendered by libcmark (HTML in safe mode, or CommonMark).
    func render(_ blocks: [MarkdownNode]) -> String {
        switch self {
        case .html: return MarkdownRenderer.html(blocks)
        case .markdown: return MarkdownRenderer.commonMark(blocks)
        }
    }
}
