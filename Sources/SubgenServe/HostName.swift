import Foundation

/// What a `Host` value (`name[:port]`, `IPv4[:port]` or `[IPv6][:port]`) names, as far as the preview cares.
enum HostName: Equatable {
    /// An IP literal: whoever typed it meant this address.
    case address
    /// `localhost` or a name under it, which browsers resolve to the loopback address themselves.
    case localhost
    /// Any other name.
    case name
    /// Not a host and port at all (user info, a path, a bad port, odd characters).
    case malformed

    init(_ value: String) {
        let value = value.trimmingCharacters(in: .whitespaces)
        var host = Substring(value)
        var port: Substring = ""
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else {
                self = .malformed
                return
            }
            host = value[value.index(after: value.startIndex)..<close]
            let after = value[value.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    self = .malformed
                    return
                }
                port = after.dropFirst()
            }
            guard Self.isPort(port, allowEmpty: after.isEmpty), Self.isIP(String(host), family: AF_INET6) else {
                self = .malformed
                return
            }
            self = .address
            return
        }
        if let colon = value.lastIndex(of: ":") {
            host = value[..<colon]
            port = value[value.index(after: colon)...]
            guard Self.isPort(port, allowEmpty: false) else {
                self = .malformed
                return
            }
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        guard !host.isEmpty, host.allSatisfy({ allowed.contains($0) }) else {
            self = .malformed
            return
        }
        if Self.isIP(String(host), family: AF_INET) {
            self = .address
            return
        }
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        self = name == "localhost" || name.hasSuffix(".localhost") ? .localhost : .name
    }

    private static func isPort(_ text: Substring, allowEmpty: Bool) -> Bool {
        if text.isEmpty { return allowEmpty }
        return text.count <= 5 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) && Int(text)! <= 65535
    }

    private static func isIP(_ text: String, family: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(family, text, &buffer) == 1
    }
}
