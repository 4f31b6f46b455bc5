import Foundation
import SubgenCore
import SubgenImport
import SubgenModel

/// Reads every evidence file the records name: SBOM records' `File` (CycloneDX or SPDX JSON) and `VEX`
/// (OpenVEX, or CycloneDX with `vulnerabilities`), and TEST records' `Evidence` (JUnit XML or SARIF).
///
/// Each file is read once. A file that cannot be read is an error at the file (line and column when the
/// parser knows them); problems inside a readable file are diagnostics with the JSON path, and the rest of the
/// file is still used.
public struct EvidenceLoader: Sendable {
    /// Files larger than this are refused rather than read into memory.
    public static let maximumSize = 64 << 20

    /// What a record expects of the file a field names.
    enum Role: String, Sendable {
        case sbom = "an SBOM (CycloneDX or SPDX JSON)"
        case vex = "a VEX document (OpenVEX or CycloneDX JSON)"
        case test = "test evidence (JUnit XML or SARIF)"
    }

    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public func load(_ project: Project) -> (evidence: Evidence, diagnostics: [Diagnostic]) {
        var files: [String: EvidenceFile] = [:]
        var roles: [String: Role] = [:]
        var diagnostics: [Diagnostic] = []
        for (record, field, role) in Self.evidenceFields(project) {
            guard case .file(let attachment) = record.value(field) else { continue }
            if let earlier = roles[attachment.path] {
                // A CycloneDX SBOM with a `vulnerabilities` array can be its own VEX.
                let selfVEX = Set([earlier, role]) == [.sbom, .vex] && files[attachment.path]?.sbom != nil
                if earlier != role && !selfVEX {
                    diagnostics.append(
                        .error(
                            "evidence-role-conflict",
                            "\(attachment.path) is named as \(role.rawValue) here and as \(earlier.rawValue) elsewhere",
                            at: attachment.location))
                }
                continue
            }
            roles[attachment.path] = role
            let (file, found) = read(attachment.path, as: role)
            files[attachment.path] = file
            diagnostics += found
        }
        return (Evidence(files: files), diagnostics)
    }

    /// Every file-typed field that names evidence, in project order.
    static func evidenceFields(_ project: Project) -> [(Record, String, Role)] {
        project.records.flatMap { record -> [(Record, String, Role)] in
            switch record.kind {
            case "sbom": return [(record, "File", .sbom), (record, "VEX", .vex)]
            case "test": return [(record, "Evidence", .test)]
            default: return []
            }
        }
    }

    /// The file, or nil; and what is wrong with it.
    private func read(_ path: String, as role: Role) -> (EvidenceFile?, [Diagnostic]) {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let url = root.appendingPathComponent(path)
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            if size > Self.maximumSize {
                return (
                    nil,
                    [
                        .error(
                            "evidence-too-large",
                            "\(path) is \(size >> 20) MB; subgen reads evidence files up to \(Self.maximumSize >> 20) MB",
                            at: start)
                    ]
                )
            }
            data = try Data(contentsOf: url)
        } catch {
            return (nil, [.error("evidence-unreadable", "cannot read \(path): \(error.localizedDescription)", at: start)])
        }
        let content = Self.decode(data, as: role)
        switch content {
        case .failure(let failure):
            var message = failure.message
            if failure.line <= 1, String(validating: data, as: UTF8.self) == nil {
                message = "not valid UTF-8 (JSON and these XML formats must be UTF-8): " + message
            }
            let location = SourceLocation(file: path, line: max(failure.line, 1), column: max(failure.column, 1))
            return (nil, [.error("evidence-invalid", "\(path) cannot be read as \(role.rawValue): \(message)", at: location)])
        case .success(let content):
            let locator = data.first == UInt8(ascii: "<") ? JSONLocator() : JSONLocator(data)
            let file = EvidenceFile(path: path, content: content, locator: locator)
            return (file, issueDiagnostics(file))
        }
    }

    /// Chooses the reader: the record's expectation narrows the formats, the file's content picks one of them.
    static func decode(_ data: Data, as role: Role) -> Result<EvidenceFile.Content, ReadFailure> {
        let looksLikeXML = data.drop(while: { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || isSpace($0) }).first == UInt8(ascii: "<")
        switch role {
        case .sbom:
            if looksLikeXML {
                return .failure(ReadFailure("XML SBOMs are not supported: export CycloneDX or SPDX as JSON", line: 1, column: 1))
            }
            if contains(data, "\"spdxVersion\"") || contains(data, "SPDXVersion:") || contains(data, "\"@graph\"") {
                return SPDXReader.read(data).map { .sbom($0) }
            }
            return CycloneDXReader.read(data).map { .sbom($0) }
        case .vex:
            if contains(data, "\"bomFormat\"") {
                return CycloneDXReader.read(data).map { .sbom($0) }
            }
            return OpenVEXReader.read(data).map { .vex($0) }
        case .test:
            if looksLikeXML { return JUnitReader.read(data).map { .junit($0) } }
            return SARIFReader.read(data).map { .sarif($0) }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func contains(_ data: Data, _ marker: String) -> Bool {
        data.range(of: Data(marker.utf8)) != nil
    }

    /// The reader's issues as diagnostics, at the line of the component they concern when it can be found.
    private func issueDiagnostics(_ file: EvidenceFile) -> [Diagnostic] {
        let issues: [ReadIssue]
        switch file.content {
        case .sbom(let document): issues = document.issues
        case .vex(let document): issues = document.issues
        case .sarif(let log): issues = log.issues
        case .junit: issues = []
        }
        return issues.map { issue in
            let location = file.location(ofJSONPath: issue.jsonPath)
            let message = issue.jsonPath.isEmpty ? issue.message : "\(issue.jsonPath): \(issue.message)"
            return issue.severity == .error
                ? .error("evidence-invalid", "\(file.path): \(message)", at: location)
                : .warning("evidence-questionable", "\(file.path): \(message)", at: location)
        }
    }
}

extension EvidenceFile {
    /// The place of a JSON path: the line of the component it is in, when that component has a ref the
    /// locator found, else the start of the file.
    public func location(ofJSONPath jsonPath: String) -> SourceLocation {
        if let document = sbom {
            var best: (component: SBOMComponent, occurrence: Int)?
            var seen: [String: Int] = [:]
            for component in document.components {
                let occurrence = seen[component.ref, default: 0]
                seen[component.ref] = occurrence + 1
                let path = component.jsonPath
                guard !component.ref.isEmpty, jsonPath == path || jsonPath.hasPrefix(path + ".") || jsonPath.hasPrefix(path + "[")
                else { continue }
                if best == nil || path.count > best!.component.jsonPath.count { best = (component, occurrence) }
            }
            if let best, let line = locator.line(ofRef: best.component.ref, occurrence: best.occurrence) {
                return SourceLocation(file: path, line: line, column: 1)
            }
        }
        return SourceLocation(file: path, line: 1, column: 1)
    }
}
