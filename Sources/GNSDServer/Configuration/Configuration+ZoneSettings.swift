/// Where the zone files are and how often gnsd looks for changes (the `zones:` section).
public struct ZoneSettings: Sendable, Equatable {
    /// The folder of zone files, relative to the working directory unless absolute (`directory`). Default `zones`.
    public var directory: String
    /// Seconds between checks for changed zone files; 0 reloads only on SIGHUP (`reload-interval`). Default 5.
    public var reloadIntervalSeconds: Int

    /// The defaults: `zones` in the working directory, checked every 5 seconds.
    public init() {
        directory = "zones"
        reloadIntervalSeconds = 5
    }
}

extension ZoneSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("directory", \.directory, .text()),
            .init("reload-interval", \.reloadIntervalSeconds, .integer(in: 0...86400)),
        ]
    }
}
