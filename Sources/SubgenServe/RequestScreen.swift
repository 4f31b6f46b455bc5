import Foundation
import HTTPTypes

/// The checks a request passes before the package is looked at: its size, its `Host` and its method, and the
/// package-relative path its target names. Anything that fails gets its status here.
///
/// Hummingbird has already refused what is not HTTP/1.x, and heads over `PreviewLimits`' header limits; it
/// hands over the target in origin form (an absolute-form target's path and query, whose host it drops).
struct RequestScreen: Sendable {
    let limits: PreviewLimits
    /// The server listens on a network address, where the names it is reached by cannot be known; on a loopback
    /// address only `localhost` names and IP literals are accepted (a page of another site whose name was made
    /// to point at 127.0.0.1 cannot read the package).
    let acceptsAnyHostName: Bool

    /// What a request may have: a package-relative path (maybe empty or naming no file), or a refusal.
    enum Verdict: Equatable {
        case path(String)
        case refused(HTTPResponse.Status, String)
    }

    /// Screens a request by its method, its `Host` (nil if it sent none) and its target.
    func screen(method: HTTPRequest.Method, host: String?, target: String) -> Verdict {
        if target.utf8.count > limits.maxTargetLength {
            return .refused(.uriTooLong, "the request target is too long")
        }
        guard let host else { return .refused(.badRequest, "no Host header") }
        if let refusal = check(host: host) { return refusal }
        guard method == .get || method == .head else {
            return .refused(.methodNotAllowed, "only GET and HEAD are supported")
        }
        return path(of: target)
    }

    /// The package-relative path a request target names (`/html/index.html` -> `html/index.html`), decoded
    /// once. Dot segments, control characters, backslashes and bad percent-encoding are refused; an
    /// absolute-form target (`http://127.0.0.1/html/index.html`) is taken for its path if its host is accepted.
    func path(of target: String) -> Verdict {
        var rawPath = Substring(target)
        let lowered = target.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            let rest = rawPath[rawPath.index(after: rawPath.firstIndex(of: ":")!)...].dropFirst(2)
            let authority = rest.prefix { $0 != "/" }
            if let refusal = check(host: String(authority)) { return refusal }
            rawPath = rest.dropFirst(authority.count)
            if rawPath.isEmpty { rawPath = "/" }
        }
        if let end = rawPath.firstIndex(where: { $0 == "?" || $0 == "#" }) { rawPath = rawPath[..<end] }
        guard rawPath.hasPrefix("/") else { return .refused(.badRequest, "the target is not a path") }
        guard let decoded = String(rawPath).removingPercentEncoding else {
            return .refused(.badRequest, "bad percent-encoding")
        }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f || $0 == "\\" }) {
            return .refused(.badRequest, "control characters or backslashes in the path")
        }
        let components = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        if components.contains(where: { $0 == "." || $0 == ".." }) {
            return .refused(.badRequest, "dot segments in the path")
        }
        return .path(components.joined(separator: "/"))
    }

    /// Nil if `host` (a `Host` header, or the authority of an absolute-form target) names this server.
    func check(host: String) -> Verdict? {
        switch HostName(host) {
        case .malformed: return .refused(.badRequest, "malformed Host")
        case .address, .localhost: return nil
        case .name: return acceptsAnyHostName ? nil : .refused(.forbidden, "this server answers to localhost only")
        }
    }
}
