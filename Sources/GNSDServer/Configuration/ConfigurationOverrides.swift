/// Settings given as command-line flags; each one given replaces the file's value.
///
///     try configuration.apply(overrides: ConfigurationOverrides(dnsListen: ["0.0.0.0:53"]))
public struct ConfigurationOverrides: Sendable, Equatable {
    /// `--dns-listen HOST:PORT`, repeatable: replaces the whole `dns.listen` list; `nil` when not given.
    public var dnsListen: [String]?
    /// `--zones DIR`: replaces `zones.directory`.
    public var zonesDirectory: String?
    /// `--log-level LEVEL`: replaces `log.level`.
    public var logLevel: String?
    /// `--log-format FORMAT`: replaces `log.format`.
    public var logFormat: String?
    /// `--api-listen HOST:PORT`: replaces `api.listen`.
    public var apiListen: String?
    /// `--data DIR`: replaces `data.directory`.
    public var dataDirectory: String?

    /// Overrides for the flags given; leave out the others.
    public init(
        dnsListen: [String]? = nil, zonesDirectory: String? = nil, logLevel: String? = nil, apiListen: String? = nil,
        dataDirectory: String? = nil, logFormat: String? = nil
    ) {
        self.dnsListen = dnsListen
        self.zonesDirectory = zonesDirectory
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.apiListen = apiListen
        self.dataDirectory = dataDirectory
    }
}

extension Configuration {
    /// Applies command-line overrides, checked by the same rules as the file; errors name the
    /// flag, as in `--dns-listen: expected HOST:PORT, got "5300"`, and leave the configuration unchanged.
    public mutating func apply(overrides: ConfigurationOverrides) throws(ConfigurationError) {
        var updated = self
        if let listen = overrides.dnsListen {
            updated.dns.listen = try ConfigurationError.placing(key: "--dns-listen") { () throws(ConfigurationError) in
                try DNSSettings.checkedListen(listen.map(ConfigurationParser.listenAddress.parse))
            }
        }
        if let directory = overrides.zonesDirectory {
            updated.zones.directory = try ConfigurationError.placing(key: "--zones") { () throws(ConfigurationError) in
                try ConfigurationParser.text().parse(directory)
            }
        }
        if let level = overrides.logLevel {
            updated.log.level = try ConfigurationError.placing(key: "--log-level") { () throws(ConfigurationError) in
                try ConfigurationParser.choice.parse(level)
            }
        }
        if let format = overrides.logFormat {
            updated.log.format = try ConfigurationError.placing(key: "--log-format") { () throws(ConfigurationError) in
                try ConfigurationParser.choice.parse(format)
            }
        }
        if let listen = overrides.apiListen {
            updated.api.listen = try ConfigurationError.placing(key: "--api-listen") { () throws(ConfigurationError) in
                try ConfigurationParser.listenAddress.parse(listen)
            }
        }
        if let directory = overrides.dataDirectory {
            updated.data.directory = try ConfigurationError.placing(key: "--data") { () throws(ConfigurationError) in
                try ConfigurationParser.text().parse(directory)
            }
        }
        self = updated
    }
}
