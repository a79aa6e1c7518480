internal import NIOCore

/// An address to serve on: `HOST:PORT` for IPv4, `[v6]:PORT` for IPv6.
///
/// The host is an IP literal, so starting gnsd never waits for a DNS lookup; `localhost`
/// means `127.0.0.1`. Port 0 asks the system for a free port.
///
///     let address = try ListenAddress(parsing: "[::1]:5300")   // host "::1", port 5300
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP address, without brackets.
    public var host: String
    /// The port, 0...65535.
    public var port: Int

    /// Parses `HOST:PORT` or `[v6]:PORT`; a bare IPv6 address without brackets is an error.
    public init(parsing text: String) throws(ConfigurationError) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
                throw ConfigurationError(reason: "expected [IPv6]:PORT, got \(text.debugDescription)")
            }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw ConfigurationError(reason: "expected HOST:PORT, got \(text.debugDescription)")
            }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            guard !host.contains(":") else {
                throw ConfigurationError(
                    reason: "an IPv6 address needs brackets, as in [::1]:5300, got \(text.debugDescription)"
                )
            }
        }
        self.host = try Self.checkedHost(String(host), bracketed: text.hasPrefix("["))
        self.port = try Self.checkedPort(port)
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:5300` or `[::1]:5300`.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// An IPv6 literal when bracketed, else an IPv4 literal or `localhost`.
    private static func checkedHost(_ host: String, bracketed: Bool) throws(ConfigurationError) -> String {
        if !bracketed, host == "localhost" {
            return "127.0.0.1"
        }
        switch (try? SocketAddress(ipAddress: host, port: 0), bracketed) {
        case (.v4?, false), (.v6?, true):
            return host
        case (_, true):
            throw ConfigurationError(reason: "expected an IPv6 address in brackets, got \(host.debugDescription)")
        case (_, false):
            throw ConfigurationError(reason: "expected an IPv4 address or localhost, got \(host.debugDescription)")
        }
    }

    private static func checkedPort(_ text: Substring) throws(ConfigurationError) -> Int {
        let digits = text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard digits, text.utf8.count <= 5, let port = Int(text), port <= 65535 else {
            throw ConfigurationError(reason: "port must be between 0 and 65535, got \(String(text).debugDescription)")
        }
        return port
    }
}

extension ConfigurationParser where Value == ListenAddress {
    /// A listen address, `HOST:PORT` or `[v6]:PORT`.
    static var listenAddress: Self {
        Self(parse: ListenAddress.init(parsing:))
    }
}
