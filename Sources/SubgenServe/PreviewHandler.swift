import FlyingFox
import Foundation
import SubgenCore

/// Answers the preview's HTTP requests: files of the package only, and the reload signal.
///
/// The package lives in memory, so a request can only name one of its files: the path is percent-decoded once,
/// checked component by component (`..`, `.`, empty names, NUL bytes and backslashes are refused) and looked up
/// by its exact package-relative path; nothing on disk is ever opened. HTML pages get a small script that
/// reloads them when a rebuild finishes, and, while the project has errors, an overlay listing them.
struct PreviewHandler: HTTPHandler {
    static let versionPath = "/__subgen/version"
    /// How long a reload request waits for a new build before answering with the current version.
    static let longPoll: Duration = .seconds(20)

    let session: PreviewSession

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard Self.namesThisMachine(request.headers[.host]) else {
            return Self.text(
                .misdirectedRequest,
                "this preview answers requests to localhost or an IP address only; open the address subgen serve printed\n")
        }
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "only GET and HEAD are supported\n")
        }
        let rawPath = request.target.path()
        if rawPath == Self.versionPath { return await version(request) }
        if rawPath == "/" || rawPath.isEmpty {
            let headers: HTTPHeaders = [.location: "/html/index.html"]
            return HTTPResponse(statusCode: .found, headers: headers)
        }
        let session = self.session
        let path = Self.packagePath(rawPath)
        var found: Data?
        if let path { found = await PreviewServer.offPool { session.file(path) } }
        guard let path, var data = found else {
            // No package yet (the first build failed): pages show the errors and reload once they are fixed.
            if rawPath.hasSuffix(".html"), !session.hasPackage {
                let page = Data("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>subgen preview</title></head><body></body></html>".utf8)
                let headers: HTTPHeaders = [.contentType: "text/html; charset=utf-8", HTTPHeader("Cache-Control"): "no-store"]
                return HTTPResponse(statusCode: .serviceUnavailable, headers: headers, body: Self.inject(into: page, session: session))
            }
            return Self.text(.notFound, "not found\n")
        }
        let pathExtension = (path as NSString).pathExtension
        let type = Self.contentType(of: pathExtension)
        if pathExtension == "html" {
            data = Self.inject(into: data, session: session)
        }
        var headers: HTTPHeaders = [
            .contentType: type, HTTPHeader("X-Content-Type-Options"): "nosniff", HTTPHeader("Cache-Control"): "no-store",
        ]
        if request.method == .HEAD {
            headers[.contentLength] = String(data.count)
            return HTTPResponse(statusCode: .ok, headers: headers)
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: data)
    }

    /// The current build version; with `?since=N`, waits until it differs from N (or the long poll ends).
    private func version(_ request: HTTPRequest) async -> HTTPResponse {
        let since = request.query.first { $0.name == "since" }.flatMap { Int($0.value) }
        let deadline = ContinuousClock.now + Self.longPoll
        var current = session.version
        while let since, current == since, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(10))
            current = session.version
        }
        return Self.text(.ok, "\(current)\n")
    }

    /// Whether a `Host` header names this machine by an IP address or as `localhost` (with any port). A web page
    /// can have the browser send requests to 127.0.0.1 under the page's own host name (DNS rebinding) and read
    /// the answers; such requests carry that name, so the preview refuses every host name but `localhost`.
    static func namesThisMachine(_ host: String?) -> Bool {
        guard let host, !host.isEmpty else { return false }
        var name = host[...]
        let isDigits = { (text: Substring) in !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        if name.hasPrefix("[") {
            // An IPv6 literal, `[::1]` or `[::1]:8080`.
            guard let close = name.firstIndex(of: "]") else { return false }
            let port = name[name.index(after: close)...]
            let literal = name[name.index(after: name.startIndex)..<close]
            return (port.isEmpty || (port.first == ":" && isDigits(port.dropFirst())))
                && !literal.isEmpty && literal.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        if let colon = name.lastIndex(of: ":") {
            guard isDigits(name[name.index(after: colon)...]) else { return false }
            name = name[..<colon]
        }
        if name.lowercased() == "localhost" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { isDigits($0) && $0.count <= 3 && Int($0)! <= 255 }
    }

    /// The package-relative path a request path names (`/html/index.html` -> `html/index.html`), or nil if it
    /// is not a plain path inside the package.
    static func packagePath(_ rawPath: String) -> String? {
        guard let decoded = rawPath.removingPercentEncoding, decoded.hasPrefix("/") else { return nil }
        let components = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for component in components {
            if component.isEmpty || component == "." || component == ".." || component.contains("\0")
                || component.contains("\\")
            {
                return nil
            }
        }
        return components.joined(separator: "/")
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

    static func text(_ status: HTTPStatusCode, _ body: String) -> HTTPResponse {
        let headers: HTTPHeaders = [.contentType: "text/plain; charset=utf-8", HTTPHeader("Cache-Control"): "no-store"]
        return HTTPResponse(statusCode: status, headers: headers, body: Data(body.utf8))
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
                return "<li><code>\(escape("\(location.file):\(location.line):\(location.column)"))</code> \(escape(diagnostic.message))</li>"
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
            .then(function(r){return r.text();}).then(function(t){if(parseInt(t,10)!==v){location.reload();}else{poll();}})\
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
