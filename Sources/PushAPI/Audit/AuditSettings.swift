/// How much of the audit trail gnsd keeps: the newest `maxRecords` records, none older than `maxAge`.
public struct AuditSettings: Sendable, Hashable {
    public var maxRecords: Int
    public var maxAge: Duration

    /// Ten thousand records, a week at most.
    public init(maxRecords: Int = 10_000, maxAge: Duration = .seconds(7 * 86_400)) {
        self.maxRecords = maxRecords
        self.maxAge = maxAge
    }
}
