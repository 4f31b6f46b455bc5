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
    public enum Role: String, Sendable, CaseIterable {
        case sbom = "an SBOM (CycloneDX or SPDX JSON)"
        case vex = "a VEX document (OpenVEX or CycloneDX JSON)"
        case test = "test evidence (JUnit XML or SARIF)"
    }

    public let root: URL
    /// Files decoded by an earlier load, used when their bytes have not changed.
    public var cache: EvidenceCache?

    public init(root: URL, cache: EvidenceCache? = nil) {
        self.root = root
        self.cache = cache
    }

    public func load(_ project: Project) -> (evidence: Evidence, diagnostics: [Diagnostic]) {
        let fields = Self.evidenceFields(project).compactMap { record, field, role -> (Attachment, Role)? in
            guard case .file(let attachment) = record.value(field) else { return nil }
            return (attachment, role)
        }
        // Each file is read as the role it is first named with; the files are read concurrently, and the
        // outcomes taken in the order they are named.
        var firstRoles: [(path: String, role: Role)] = []
        var named: Set<String> = []
        for (attachment, role) in fields where named.insert(attachment.path).inserted {
            firstRoles.append((attachment.path, role))
        }
        let reads = readAll(firstRoles)
        var outcomes: [String: (file: EvidenceFile?, diagnostics: [Diagnostic])] = [:]
        for (first, outcome) in zip(firstRoles, reads) { outcomes[first.path] = outcome }

        var files: [String: EvidenceFile] = [:]
        var roles: [String: Role] = [:]
        var diagnostics: [Diagnostic] = []
        for (attachment, role) in fields {
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
            let (file, found) = outcomes[attachment.path] ?? read(attachment.path, as: role)
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

    /// The outcome of `read` for each file, in order. The bytes are read one file after the other; decoding
    /// the files and scanning them for the locator, two independent jobs per file, run on every core.
    private func readAll(_ files: [(path: String, role: Role)]) -> [(EvidenceFile?, [Diagnostic])] {
        let loaded = files.map { readData($0.path) }
        enum Job: Sendable {
            case decode(Data, Role)
            case locate(Data)
            case none
        }
        enum Done: Sendable {
            case decoded(Result<EvidenceFile.Content, ReadFailure>)
            case located(JSONLocator)
            case none
        }
        var jobs: [Job] = []
        var kept: [EvidenceCache.Decoded?] = []
        for (file, data) in zip(files, loaded) {
            guard case .success(let data) = data else {
                jobs += [.none, .none]
                kept.append(nil)
                continue
            }
            let decoded = cache?.decoded(file.path, as: file.role, data: data)
            jobs += decoded == nil ? [.decode(data, file.role), .locate(data)] : [.none, .none]
            kept.append(decoded)
        }
        let done = jobs.concurrentMap { job -> Done in
            switch job {
            case .decode(let data, let role): return .decoded(Self.decode(data, as: role))
            case .locate(let data): return .located(Self.locator(data))
            case .none: return .none
            }
        }
        let outcomes = files.indices.map { position -> (EvidenceFile?, [Diagnostic]) in
            let (path, role) = files[position]
            switch loaded[position] {
            case .failure(let problem): return (nil, [problem])
            case .success(let data):
                if let decoded = kept[position] {
                    return Self.outcome(path, as: role, data: data, content: decoded.content, locator: decoded.locator)
                }
                guard case .decoded(let content) = done[2 * position], case .located(let locator) = done[2 * position + 1]
                else { return read(path, as: role) }
                cache?.keep(path, as: role, data: data, EvidenceCache.Decoded(content: content, locator: locator))
                return Self.outcome(path, as: role, data: data, content: content, locator: locator)
            }
        }
        cache?.retain(only: Set(files.map(\.path)))
        return outcomes
    }

    /// The file, or nil; and what is wrong with it.
    private func read(_ path: String, as role: Role) -> (EvidenceFile?, [Diagnostic]) {
        switch readData(path) {
        case .failure(let problem): return (nil, [problem])
        case .success(let data):
            return Self.read(data, path: path, as: role)
        }
    }

    /// What a load makes of the bytes of a file named as `role`: the file, or nil when it cannot be read as
    /// that, and its diagnostics. Every file goes this way from its bytes on (decoded and located at once on
    /// large projects, or taken from the cache); public for the fuzzer of evidence files (Fuzz/).
    public static func read(_ data: Data, path: String, as role: Role) -> (EvidenceFile?, [Diagnostic]) {
        outcome(path, as: role, data: data, content: decode(data, as: role), locator: locator(data))
    }

    /// The file's bytes, or why they cannot be read.
    private enum Loaded {
        case success(Data)
        case failure(Diagnostic)
    }

    private func readData(_ path: String) -> Loaded {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let url = root.appendingPathComponent(path)
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            if size > Self.maximumSize {
                return .failure(
                    .error(
                        "evidence-too-large",
                        "\(path) is \(size >> 20) MB; subgen reads evidence files up to \(Self.maximumSize >> 20) MB",
                        at: start))
            }
            return .success(try Data(contentsOf: url))
        } catch {
            return .failure(.error("evidence-unreadable", "cannot read \(path): \(error.localizedDescription)", at: start))
        }
    }

    /// The lines of the file's refs and vulnerability ids (none for XML, or a file that is not UTF-8).
    private static func locator(_ data: Data) -> JSONLocator {
        data.first == UInt8(ascii: "<") || wideEncoding(data) != nil ? JSONLocator() : JSONLocator(data)
    }

    /// The file made of what its reader found, and what is wrong with it.
    private static func outcome(
        _ path: String, as role: Role, data: Data, content: Result<EvidenceFile.Content, ReadFailure>, locator: JSONLocator
    ) -> (EvidenceFile?, [Diagnostic]) {
        switch content {
        case .failure(let failure):
            var message = failure.message
            if failure.line <= 1, !message.contains("UTF-8") {
                if let encoding = wideEncoding(data) {
                    message = "the file is \(encoding): " + message
                } else if String(validating: data, as: UTF8.self) == nil {
                    message = "not valid UTF-8 (JSON and XML without an encoding declaration must be UTF-8): " + message
                }
            }
            let location = SourceLocation(file: path, line: max(failure.line, 1), column: max(failure.column, 1))
            return (nil, [.error("evidence-invalid", "\(path) cannot be read as \(role.rawValue): \(message)", at: location)])
        case .success(let content):
            let file = EvidenceFile(path: path, content: content, locator: locator)
            return (file, issueDiagnostics(file))
        }
    }

    /// Chooses the reader: the record's expectation narrows the formats, the file's content picks one of them.
    static func decode(_ data: Data, as role: Role) -> Result<EvidenceFile.Content, ReadFailure> {
        if let encoding = wideEncoding(data) {
            // libxml2 reads UTF-16 XML (by its byte order mark or its first bytes); JSON must be UTF-8.
            let significant = data.prefix(64).lazy.filter { $0 != 0 && $0 != 0xFE && $0 != 0xFF && !isSpace($0) }
            if role == .test && encoding.hasPrefix("UTF-16") && significant.first == UInt8(ascii: "<") {
                return JUnitReader.read(data).map { .junit($0) }
            }
            return .failure(
                ReadFailure(
                    "the file is \(encoding); subgen reads JSON as UTF-8 and XML as UTF-8 or UTF-16: convert it, for example with "
                        + "`iconv -f \(encoding) -t UTF-8`", line: 1, column: 1))
        }
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

    /// The encoding of a file saved as UTF-16 or UTF-32 (tools on Windows write XML that way), told by its byte
    /// order mark or, without one, by the zero bytes around its first character (which is ASCII in JSON and XML).
    static func wideEncoding(_ data: Data) -> String? {
        let head = Array(data.prefix(4)) + Array(repeating: 0xAA, count: max(0, 4 - data.count))
        switch (head[0], head[1], head[2], head[3]) {
        case (0, 0, 0xFE, 0xFF), (0, 0, 0, 1...0x7F): return "UTF-32BE"
        case (0xFF, 0xFE, 0, 0), (1...0x7F, 0, 0, 0): return "UTF-32LE"
        case (0xFE, 0xFF, _, _), (0, 1...0x7F, _, _): return "UTF-16BE"
        case (0xFF, 0xFE, _, _), (1...0x7F, 0, _, _): return "UTF-16LE"
        default: return nil
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Whether `marker` occurs in `data` (a Boyer-Moore-Horspool search: large files are scanned in strides
    /// of about the marker's length).
    static func contains(_ data: Data, _ marker: String) -> Bool {
        let pattern = Array(marker.utf8)
        guard let last = pattern.indices.last else { return true }
        var shift = [Int](repeating: pattern.count, count: 256)
        for index in 0..<last { shift[Int(pattern[index])] = last - index }
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var end = last
            while end < bytes.count {
                let byte = bytes[end]
                if byte == pattern[last] {
                    var offset = 1
                    while offset <= last, bytes[end - offset] == pattern[last - offset] { offset += 1 }
                    if offset > last { return true }
                }
                end += shift[Int(byte)]
            }
            return false
        }
    }

    /// The reader's issues as diagnostics, at the line of the component they concern when it can be found.
    private static func issueDiagnostics(_ file: EvidenceFile) -> [Diagnostic] {
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
