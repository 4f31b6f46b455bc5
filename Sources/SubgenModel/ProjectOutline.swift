/// A readable outline of the resolved model (`subgen dump` without `--json`).
public enum ProjectOutline {
    public static func text(_ project: Project) -> String {
        var lines = ["\(project.manifest.title)"]
        for field in project.manifest.fields { lines.append("  \(field.name): \(field.text)") }
        for record in project.records {
            lines.append("")
            lines.append("\(record.id) [\(record.kind)] \(record.title)  (\(record.file):\(record.location.line))")
            for field in record.fields { lines.append("  \(field.name): \(field.text)") }
            let backlinks = project.backlinks[record.id] ?? []
            if !backlinks.isEmpty {
                var sources: [String] = []
                for backlink in backlinks where !sources.contains(backlink.source) { sources.append(backlink.source) }
                lines.append("  referenced by: " + sources.joined(separator: ", "))
            }
        }
        for page in project.pages {
            lines.append("")
            lines.append("page \(page.title) [section \(page.section)]  (\(page.file))")
        }
        return lines.joined(separator: "\n")
    }
}
