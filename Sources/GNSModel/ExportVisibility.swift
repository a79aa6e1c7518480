/// Which clusters may resolve an export, in the spirit of KEP-1645's export to a subset of the
/// clusterset: a client gnsd places in a cluster whose id matches one of `clusters` (shell globs
/// such as `aws-*`) or whose labels include every pair of `labels` (when any is given). The
/// exporting cluster itself always may. An export without visibility is seen by everyone.
public struct ExportVisibility: Hashable, Sendable {
    /// Cluster id patterns: `*` matches any run of characters, `?` one.
    public var clusters: [String]
    /// Labels a cluster must all have; none selects no cluster by label.
    public var labels: [String: String]

    public init(clusters: [String] = [], labels: [String: String] = [:]) {
        self.clusters = clusters
        self.labels = labels
    }

    /// The most cluster patterns and labels one export's visibility lists.
    public static let maxClusterPatterns = 32
    public static let maxLabels = 16

    /// True when `pattern` is a cluster id pattern: 1 to 63 of `a-z`, `0-9`, `-`, `*` and `?`.
    public static func isValidPattern(_ pattern: String) -> Bool {
        (1...63).contains(pattern.utf8.count)
            && pattern.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?")
            }
    }
}
