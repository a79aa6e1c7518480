/// Everything gnsd needs to run; every field has a default so `gnsd serve` needs no file.
///
///     var configuration = try Configuration.load(file: "/etc/gnsd/gnsd.yaml")
///     try configuration.apply(overrides: ConfigurationOverrides(logLevel: "debug"))
public struct Configuration: Sendable, Equatable {
    /// Listeners and DNS limits (`dns:`).
    public var dns = DNSSettings()
    /// Zone files and reloading (`zones:`).
    public var zones = ZoneSettings()
    /// Logging (`log:`).
    public var log = LogSettings()

    /// The built-in defaults, as documented on each setting.
    public init() {}
}

extension Configuration: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .section("dns", \.dns),
            .section("zones", \.zones),
            .section("log", \.log),
        ]
    }
}
