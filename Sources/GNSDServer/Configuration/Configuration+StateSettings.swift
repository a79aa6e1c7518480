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
    /// Seconds a cluster stays stale before it is expired (`expire-after`); `null`, the default,
    /// never expires one.
    public var expireAfterSeconds: Int?
    /// Damping of clusters whose lease keeps lapsing (`damping`); `null` turns it off. Default on.
    public var damping: DampingSettings?

    /// The defaults: a 10-second lease with 5 seconds of grace, no expiry, damping on.
    public init() {
        durationSeconds = 10
        graceSeconds = 5
        expireAfterSeconds = nil
        damping = DampingSettings()
    }
}

/// The `leases.damping:` section: a cluster whose lease lapsed `lapses` times within `window`
/// seconds is held stale when it renews, until it has kept renewing for `hold` seconds.
public struct DampingSettings: Sendable, Equatable {
    /// Lapses within the window, the last one included, from which a return is held (`lapses`, 2–100). Default 3.
    public var lapses: Int
    /// Seconds over which lapses count (`window`). Default 600.
    public var windowSeconds: Int
    /// Seconds a held cluster must keep renewing before it is live again (`hold`). Default 60.
    public var holdSeconds: Int

    /// The defaults: three lapses within ten minutes hold a return for a minute.
    public init() {
        lapses = 3
        windowSeconds = 600
        holdSeconds = 60
    }
}

extension DampingSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("lapses", \.lapses, .integer(in: 2...100)),
            .init("window", \.windowSeconds, .integer(in: 1...86400)),
            .init("hold", \.holdSeconds, .integer(in: 1...86400)),
        ]
    }
}

extension LeaseSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("duration", \.durationSeconds, .integer(in: 1...86400)),
            .init("grace", \.graceSeconds, .integer(in: 0...86400)),
            .init("expire-after", \.expireAfterSeconds, .integer(in: 1...31_536_000)),
            .optionalSection("damping", \.damping),
        ]
    }
}
