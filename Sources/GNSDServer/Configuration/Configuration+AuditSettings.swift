import PushAPI

/// The `audit:` section: how much of the push API's audit trail is kept in the state file.
public struct AuditTrailSettings: Sendable, Equatable {
    /// The most records kept (`max-records`, 1–1,000,000). Default 10,000.
    public var maxRecords: Int
    /// Seconds a record is kept (`max-age`, 60 s to a year). Default 604,800 (a week).
    public var maxAgeSeconds: Int

    /// The defaults: ten thousand records, a week.
    public init() {
        maxRecords = 10_000
        maxAgeSeconds = 7 * 86_400
    }

    /// The trail's settings.
    var trail: AuditSettings {
        AuditSettings(maxRecords: maxRecords, maxAge: .seconds(maxAgeSeconds))
    }
}

extension AuditTrailSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("max-records", \.maxRecords, .integer(in: 1...1_000_000)),
            .init("max-age", \.maxAgeSeconds, .integer(in: 60...31_536_000)),
        ]
    }
}
