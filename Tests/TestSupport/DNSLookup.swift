import Foundation
import TestKit

/// One of the DNS client programs the integration tests query gnsd with.
public enum DNSClient: String, CaseIterable, Sendable, CustomStringConvertible {
    case dig, kdig, drill

    public var description: String { rawValue }
}

/// What a DNS client printed for one query, reduced to comparable parts.
public struct DNSLookup: Sendable, CustomStringConvertible {
    /// The response code as printed, such as `NOERROR`.
    public var rcode: String = ""
    /// The header flags, such as `["qr", "aa", "rd"]`.
    public var flags: Set<String> = []
    /// Records per section, each as `name TTL class type rdata` with single spaces.
    public var answer: [String] = []
    public var authority: [String] = []
    public var additional: [String] = []
    /// The whole output, for failure messages and checks of EDNS lines.
    public var raw: String = ""

    public var description: String { raw }

    /// Queries `name` `type` at 127.0.0.1 (or ::1) on `port` with `client`; `options` are the
    /// client's own extra flags (`+tcp`, `+bufsize=512`, `-t`, ...).
    public static func query(
        _ client: DNSClient, port: Int, _ name: String, _ type: String, options: [String] = [], ipv6: Bool = false
    ) async throws -> DNSLookup {
        let server = ipv6 ? "::1" : "127.0.0.1"
        let arguments: [String] =
            switch client {
            case .dig: ["@\(server)", "-p", "\(port)", name, type, "+tries=1", "+time=3", "+nostats"] + options
            case .kdig: ["@\(server)", "-p", "\(port)", name, type, "+retry=0", "+time=3", "+nostats"] + options
            case .drill: options + ["-p", "\(port)", name, "@\(server)", type]
            }
        let output = try await ExternalCommand.run(client.rawValue, arguments)
        guard output.status == 0 else {
            throw ExternalCommand.Failure(description: "\(client) failed (\(output.status)): \(output.standardOutput)\(output.standardError)")
        }
        return DNSLookup(parsing: output.standardOutput)
    }

    /// Parses the output of dig, kdig or drill.
    public init(parsing text: String) {
        raw = text
        var section: WritableKeyPath<DNSLookup, [String]>?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.contains("->>HEADER<<-") {
                rcode = Self.field(after: ["status: ", "rcode: "], in: trimmed)
            } else if trimmed.lowercased().hasPrefix(";; flags:") {
                let list = trimmed.dropFirst(";; flags:".count).prefix { $0 != ";" }
                flags = Set(list.split(separator: " ").map(String.init))
            } else if trimmed.hasPrefix(";; ANSWER SECTION") {
                section = \.answer
            } else if trimmed.hasPrefix(";; AUTHORITY SECTION") {
                section = \.authority
            } else if trimmed.hasPrefix(";; ADDITIONAL SECTION") {
                section = \.additional
            } else if trimmed.isEmpty || trimmed.hasPrefix(";") {
                if trimmed.isEmpty || trimmed.hasPrefix(";;") { section = nil }
            } else if let section {
                self[keyPath: section].append(trimmed.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            }
        }
    }

    private static func field(after keys: [String], in line: String) -> String {
        for key in keys {
            if let range = line.range(of: key) {
                return String(line[range.upperBound...].prefix { $0.isLetter })
            }
        }
        return ""
    }
}
