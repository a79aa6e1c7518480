import Foundation
public import TestKit

/// Zone directories the tests serve: the shipped `zones/` and a test zone built for edge cases.
public enum ServedZones {
    /// The repository's own `zones/` directory.
    public static let shipped = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("zones").path

    /// A zone with a large RRset (to force truncation), a delegation, a CNAME and a wildcard.
    public static func edgeCaseZone(serial: Int = 1, extra: String = "") -> String {
        let big = (1...100).map { "big         A     198.51.100.\($0)" }.joined(separator: "\n")
        return """
            $ORIGIN edge.test.
            $TTL 600
            @           3600 IN SOA ns1 hostmaster \(serial) 3600 600 86400 60
            @           3600 NS ns1
            ns1         A     127.0.0.1
            host     20 A     192.0.2.1
            host     20 AAAA  2001:db8::1
            alias       CNAME host
            *.any       TXT   "matched"
            sub         NS    ns.sub
            ns.sub      A     192.0.2.53
            \(big)
            \(extra)
            """
    }

    /// A fresh directory holding `edge.test.zone`.
    public static func edgeCaseDirectory(serial: Int = 1, extra: String = "") throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("edge.test.zone", edgeCaseZone(serial: serial, extra: extra))
        return directory
    }
}
