public import PushAPI

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
    /// The HTTP push API (`api:`).
    public var api = PushAPISettings()
    /// What one cluster's pushes may hold (`quotas:`).
    public var quotas = ClusterQuotas()
    /// Persistent state (`data:`).
    public var data = DataSettings()
    /// Agent leases (`leases:`).
    public var leases = LeaseSettings()
    /// Holding back pushes that withdraw too much at once (`withdrawal-guard:`); `null` turns it off.
    public var withdrawalGuard: WithdrawalGuardSettings? = WithdrawalGuardSettings()
    /// Endpoint answer policy (`answers:`).
    public var answers = AnswerSettings()
    /// Known clusters: tokens and source networks (`clusters:`).
    public var clusters: [ClusterSettings] = []
    /// Global namespace domains (`global-namespaces:`).
    public var globalNamespaces: [GlobalNamespaceSettings] = []
    /// Zone transfers to secondaries and NOTIFY (`transfer:`).
    public var transfer = TransferSettings()
    /// The audit trail of writes (`audit:`).
    public var audit = AuditTrailSettings()
    /// dnstap and the sampled text query log (`query-log:`).
    public var queryLog = QueryLogConfiguration()

    /// The built-in defaults, as documented on each setting.
    public init() {}
}

extension Configuration: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .section("dns", \.dns),
            .section("zones", \.zones),
            .section("log", \.log),
            .section("api", \.api),
            .section("quotas", \.quotas),
            .section("data", \.data),
            .section("leases", \.leases),
            .optionalSection("withdrawal-guard", \.withdrawalGuard),
            .section("answers", \.answers),
            .section("transfer", \.transfer),
            .section("audit", \.audit),
            .section("query-log", \.queryLog),
            .init("clusters", \.clusters) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.section() }
            },
            .init("global-namespaces", \.globalNamespaces) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.section() }
            },
        ]
    }
}
