import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore
import SubgenCore

/// Answers the preview's HTTP requests: files of the package only, and the reload signal.
///
/// The package lives in memory, so a request can only name one of its files: `RequestScreen` refuses what is
/// not a plain request for a plain path (the path is percent-decoded once; dot segments, NUL bytes and
/// backslashes are refused), and the rest is looked up by its exact package-relative path; nothing on disk is
/// ever opened. HTML pages get a small script that reloads them when a rebuild finishes, and, while the
/// project has errors, an overlay listing them.
struct PreviewResponder: Sendable {
    static let versionPath = "/__subgen/version"
    /// Answers larger than this are written a piece at a time, so that a client reading slowly holds back
    /// the writing (and a client that stops reading is noticed) rather than the whole file being queued.
    static let chunkSize = 64 * 1024

    let session: PreviewSession
    let screen: RequestScreen
    /// Raised when the server stops: a long poll then answers at once instead of holding the shutdown up.
    let stopping: Flag

    init(
        session: PreviewSession, limits: PreviewLimits = PreviewLimits(), acceptsAnyHostName: Bool = false,
        stopping: Flag = Flag()
    ) {
        self.session = session
        screen = RequestScreen(limits: limits, acceptsAnyHostName: acceptsAnyHostName)
        self.stopping = stopping
    }

    /// The answer to `request`; its body, if any, is left for Hummingbird to read past.
    func respond(to request: Request) async -> Response {
        let target = request.head.path ?? ""
        let path: String
        switch screen.screen(method: request.method, host: request.head.authority, target: target) {
        case .refused(let status, let reason):
            var response = Self.text(status, reason + "\n")
            if status == .methodNotAllowed { response.headers[.allow] = "GET, HEAD" }
            return response
        case .path(let found):
            path = found
        }
        if path == String(Self.versionPath.dropFirst()) { return await version(since: Self.since(in: target)) }
        if path.isEmpty {
            return Response(status: .found, headers: [.location: "/html/index.html", .cacheControl: "no-store"])
        }
        let session = self.session
        let lookup = await PreviewServer.offPool(within: screen.limits.requestTimeout) { session.file(path) }
        guard let lookup else { return Self.text(.serviceUnavailable, "the file took too long to prepare\n") }
        guard var data = lookup else {
            // No package yet (the first build failed): pages show the errors and reload once they are fixed.
            if path.hasSuffix(".html"), !session.hasPackage {
                let page = Data("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>subgen preview</title></head><body></body></html>".utf8)
                let headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
                let body = Self.body(Self.inject(into: page, session: session))
                return Response(status: .serviceUnavailable, headers: headers, body: body)
            }
            return Self.text(.notFound, "not found\n")
        }
        let pathExtension = (path as NSString).pathExtension
        if pathExtension == "html" {
            data = Self.inject(into: data, session: session)
        }
        var headers: HTTPFields = [
            .contentType: Self.contentType(of: pathExtension), .xContentTypeOptions: "nosniff", .cacheControl: "no-store",
        ]
        if request.method == .head {
            headers[.contentLength] = String(data.count)
            return Response(status: .ok, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: Self.body(data))
    }

    /// `data` as a response body: one buffer, or pieces of `chunkSize` written as the client takes them.
    static func body(_ data: Data) -> ResponseBody {
        guard data.count > chunkSize else { return ResponseBody(byteBuffer: ByteBuffer(bytes: data)) }
        return ResponseBody(contentLength: data.count) { writer in
            var offset = data.startIndex
            while offset < data.endIndex {
                let end = min(offset + chunkSize, data.endIndex)
                try await writer.write(ByteBuffer(bytes: data[offset..<end]))
                offset = end
            }
            try await writer.finish(nil)
        }
    }

    /// The number `N` of a `since=N` in the target's query, if there is one.
    static func since(in target: String) -> Int? {
        guard let query = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        let value = query.split(separator: "&").first { $0.hasPrefix("since=") }?.dropFirst("since=".count)
        return value.flatMap { Int($0) }
    }

    /// The current build version; with `since`, waits until it differs from it (or the long poll ends, a
    /// second before the request would be cut off).
    private func version(since: Int?) async -> Response {
        let deadline = ContinuousClock.now + screen.limits.effectiveLongPoll
        var current = session.version
        while let since, current == since, ContinuousClock.now < deadline, !Task.isCancelled, !stopping.isSet {
            try? await Task.sleep(for: .milliseconds(50))
            current = session.version
        }
        return Self.text(.ok, "\(current)\n")
    }

    static func contentType(of pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "md": return "text/markdown; charset=utf-8"
        case "txt", "sha256": return "text/plain; charset=utf-8"
        case "json", "sarif": return "application/json"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        let headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// The reload script and, while the project has errors, the overlay, before `</body>`.
    static func inject(into page: Data, session: PreviewSession) -> Data {
        let version = session.version
        let failed = session.failed
        let errors = session.diagnostics.filter { $0.severity == .error }
        var addition = ""
        if failed {
            let items = errors.prefix(200).map { diagnostic in
                let location = diagnostic.location
                // Invisible and bidirectional characters shown as `<U+202E>`, as `subgen check` prints them.
                let place = DiagnosticText.visible("\(location.file):\(location.line):\(location.column)")
                return "<li><code>\(escape(place))</code> \(escape(DiagnosticText.visible(diagnostic.message)))</li>"
            }.joined()
            addition += """
                <div id="subgen-overlay" style="position:fixed;left:0;right:0;bottom:0;max-height:50%;overflow:auto;\
                background:#fff3f3;border-top:3px solid #b00020;padding:1em;font:14px sans-serif;z-index:9999">\
                <strong>The project has \(errors.count) error\(errors.count == 1 ? "" : "s"); the page shows the last good package, if any.\
                </strong><ul>\(items)</ul></div>
                """
        }
        addition += """
            <script>(function(){var v=\(version);function poll(){fetch('\(versionPath)?since='+v,{cache:'no-store'})\
            .then(function(r){if(!r.ok){throw r.status;}return r.text();})\
            .then(function(t){var n=parseInt(t,10);if(isNaN(n)){throw t;}if(n!==v){location.reload();}else{poll();}})\
            .catch(function(){setTimeout(poll,1000);});}poll();})();</script>
            """
        var html = page
        if let body = page.range(of: Data("</body>".utf8), options: .backwards) {
            html.replaceSubrange(body.lowerBound..<body.lowerBound, with: Data(addition.utf8))
        } else {
            html.append(Data(addition.utf8))
        }
        return html
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension HTTPField.Name {
    /// `X-Content-Type-Options`, which HTTPTypes does not name.
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
}
