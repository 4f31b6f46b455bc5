import FlyingFox
import Foundation

/// The checks a request passes before the package is looked at: its HTTP version, its size, its `Host` and
/// its method, and the package-relative path its target names. Anything that fails gets its status here.
struct RequestScreen: Sendable {
    let limits: PreviewLimits
    /// The server listens on a network address, where the names it is reached by cannot be known; on a loopback
    /// address only `localhost` names and IP literals are accepted (a page of another site whose name was made
    /// to point at 127.0.0.1 cannot read the package).
    let acceptsAnyHostName: Bool

    /// What a request may have: a package-relative path (maybe empty or naming no file), or a refusal.
    enum Verdict: Equatable {
        case path(String)
        case refused(HTTPStatusCode, String)
    }

    func screen(_ request: HTTPRequest) -> Verdict {
        let version = request.version.rawValue
        guard let major = Self.majorVersion(version) else { return .refused(.badRequest, "malformed HTTP version") }
        guard major == 1 else { return .refused(.httpVersionNotSupported, "only HTTP/1.x is supported") }
        if request.target.rawValue.utf8.count > limits.maxTargetLength {
            return .refused(.uriTooLong, "the request target is too long")
        }
        var count = 0
        var bytes = 0
        for (name, value) in request.headers {
            count += 1
            bytes += name.rawValue.utf8.count + value.utf8.count + 4
        }
        if count > limits.maxHeaderCount || bytes > limits.maxHeadBytes {
            return .refused(.requestHeaderFieldsTooLarge, "too many or too large header fields")
        }
        if let host = request.headers[.host] {
            if let refusal = check(host: host) { return refusal }
        } else if version != "HTTP/1.0" {
            return .refused(.badRequest, "no Host header")
        }
        guard request.method == .GET || request.method == .HEAD else {
            return .refused(.methodNotAllowed, "only GET and HEAD are supported")
        }
        return path(of: request.target.path())
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

    /// The major version of `HTTP/x.y`, or nil if it is not one.
    static func majorVersion(_ version: String) -> Int? {
        let bytes = Array(version.utf8)
        guard bytes.count == 8, version.hasPrefix("HTTP/"), bytes[6] == UInt8(ascii: "."),
            let major = Int(String(UnicodeScalar(bytes[5]))), Int(String(UnicodeScalar(bytes[7]))) != nil
        else { return nil }
        return major
    }
}
