import Foundation
import SubgenModel
import SubgenPackage

/// Where everything lives in one output tree: page files, record and section anchors, attachments.
struct Linker: Sendable {
    let format: OutputFormat
    let project: Project

    /// Base names of the page files, by chapter number.
    static let chapterFiles: [String: String] = [
        "0": "overview", "1": "01-risk-management", "2": "02-metrics", "3": "03-architecture", "4": "04-testing",
        "5": "05-labeling", "6": "06-management-plan", "7": "07-cyber-device", "A": "appendix",
    ]
    static let recordIndexFile = "records"
    /// The attachments folder, beside the html and markdown folders.
    static let attachmentsFolder = "attachments"

    func file(ofChapter number: String) -> String {
        format.fileName(Self.chapterFiles[number] ?? "appendix")
    }

    var recordIndex: String { format.fileName(Self.recordIndexFile) }

    /// `section-1-4`.
    static func anchor(ofSection number: String) -> String {
        "section-" + number.replacingOccurrences(of: ".", with: "-")
    }

    /// The link to a chapter (its file) or a section (its anchor in the chapter's file).
    func href(ofSection number: String) -> String {
        let chapter = PackageOutline.chapter(of: number)?.number ?? number
        let file = file(ofChapter: chapter)
        return chapter == number ? file : "\(file)#\(Self.anchor(ofSection: number))"
    }

    /// The chapter file where record `id` is rendered, with its anchor; nil for unknown IDs.
    func href(ofRecord id: String) -> String? {
        guard let record = project.record(id), let section = PackageOutline.section(forKind: record.kind),
            let chapter = PackageOutline.chapter(of: section.number)
        else { return nil }
        return "\(file(ofChapter: chapter.number))#\(id)"
    }

    /// The link for an ID found in text: a record's anchor, or a CVE/CWE/CAPEC public page.
    func href(ofID id: String) -> String? {
        if let external = ExternalID(id) { return external.url }
        return href(ofRecord: id)
    }

    /// The copy of an attachment, relative to a page (pages sit one folder below the package root).
    func href(ofAttachment path: String) -> String {
        "../\(Self.attachmentsFolder)/" + Self.percentEncoded(path)
    }

    static func percentEncoded(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "()[]<>#?%")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
