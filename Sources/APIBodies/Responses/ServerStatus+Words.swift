extension ServerStatus {
    /// `seconds` as `3d 4h`, `2h 5m`, `4m 10s` or `12s`: the two largest units.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        let parts = [(total / 86400, "d"), (total / 3600 % 24, "h"), (total / 60 % 60, "m"), (total % 60, "s")]
        let first = parts.firstIndex { $0.0 > 0 } ?? 3
        return parts[first...].prefix(2).map { "\($0.0)\($0.1)" }.joined(separator: " ")
    }

    /// `count` and `noun`, plural unless the count is one: `1 service`, `2 endpoints`.
    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// The table's size in words: `2 services, 1 endpoint`.
    public var tableSize: String {
        "\(Self.counted(services, "service")), \(Self.counted(endpoints, "endpoint"))"
    }
}
