/// A cluster's identifier: one lower-case DNS label (RFC 1123), such as `aws-west`.
public struct ClusterID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let name: String

    /// `nil` unless `name` is 1 to 63 characters of `a-z`, `0-9` and `-`, not starting or ending with `-`.
    public init?(_ name: String) {
        guard DNSLabel.isValid(name) else { return nil }
        self.name = name
    }

    public var description: String { name }

    public static func < (lhs: ClusterID, rhs: ClusterID) -> Bool { lhs.name < rhs.name }
}

/// The RFC 1123 label rule shared by cluster ids, namespaces, service names and hostnames.
public enum DNSLabel {
    /// The rule in words, as every error about a label says it: the API's 422, the agent's
    /// exports file and flags, the configuration file.
    public static let rule = "must be an RFC 1123 label: 1 to 63 characters of a-z, 0-9 and '-', not starting or ending with '-'"

    /// True for 1 to 63 characters of `a-z`, `0-9` and `-`, neither first nor last being `-`.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
        }
    }
}
