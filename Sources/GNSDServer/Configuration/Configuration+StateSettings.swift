/// Where the endpoint table is kept across restarts (the `data:` section).
public struct DataSettings: Sendable, Equatable {
    /// Folder of the SQLite state file `gnsd.sqlite` (`directory`); `null` keeps the table in memory only. Default `data`.
    public var directory: String?

    /// The default: `data` in the working directory.
    public init() {
        directory = "data"
    }
}

extension DataSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [.init("directory", \.directory, .text())]
    }
}

/// How long an agent's lease lasts (the `leases:` section).
public struct LeaseSettings: Sendable, Equatable {
    /// Seconds a snapshot, delta or heartbeat keeps a cluster live (`duration`). Default 10.
    public var durationSeconds: Int
    /// Extra seconds before a cluster that missed its renewal turns stale (`grace`). Default 5.
    public var graceSeconds: Int

    /// The defaults: a 10-second lease with 5 seconds of grace.
    public init() {
        durationSeconds = 10
        graceSeconds = 5
    }
}

extension LeaseSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("duration", \.durationSeconds, .integer(in: 1...86400)),
            .init("grace", \.graceSeconds, .integer(in: 0...86400)),
        ]
    }
}
