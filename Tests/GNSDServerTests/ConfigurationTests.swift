import Foundation
import GNSDServer
import TestKit
import TestSupport
import Testing

/// A `gnsd.yaml` written into a fresh temporary directory.
struct ConfigurationFile {
    let directory: TemporaryDirectory

    init(_ yaml: String) throws {
        directory = try TemporaryDirectory()
        try directory.write("gnsd.yaml", yaml)
    }

    var path: String {
        directory.path + "/gnsd.yaml"
    }

    /// Loads the file, then removes its directory.
    func load() throws(ConfigurationError) -> Configuration {
        defer { directory.remove() }
        return try Configuration.load(file: path)
    }
}

/// The configuration with `change` applied to the defaults.
private func configuration(_ change: (inout Configuration) throws -> Void) rethrows -> Configuration {
    var configuration = Configuration()
    try change(&configuration)
    return configuration
}

private let everyKey = """
    # every key, none at its default
    dns:
      listen: ["0.0.0.0:53", "[::]:53", "localhost:5353"]
      max-udp-payload: 4096
      udp-receive-buffer: 1048576
      udp-workers: 3
      tcp-idle-timeout: 30
      tcp-max-connections: 64
      nsid: "gnsd-1"
      cookie-secret: "00112233445566778899AABBccddeeff"
    zones:
      directory: /etc/gnsd/zones
      reload-interval: 0
    log:
      level: debug
      format: json
    """

private let topKeys = "dns, zones, log, api, quotas, data, leases, withdrawal-guard, answers, transfer, audit, query-log, clusters, global-namespaces"
private let dnsKeys =
    "listen, max-udp-payload, udp-receive-buffer, udp-workers, tcp-idle-timeout, tcp-message-timeout, tcp-max-connections, "
    + "tcp-max-connections-per-client, tcp-max-queries-in-flight, answer-cache-bytes, nsid, identity, version, extended-error-text, cookie-secret, cookie-rotation, "
    + "rate-limit, tls"

@Suite("Configuration")
struct ConfigurationTests {
    @Test func defaults() throws {
        let defaults = Configuration()
        #expect(defaults.dns.listen.map(\.description) == ["127.0.0.1:5300", "[::1]:5300"])
        #expect(defaults.dns.maxUDPPayload == 1232)
        #expect(defaults.dns.udpReceiveBufferBytes == 8_388_608)
        #expect(defaults.dns.udpWorkers == nil)
        #expect(defaults.dns.tcpIdleTimeoutSeconds == 10)
        #expect(defaults.dns.tcpMaxConnections == 1024)
        #expect(defaults.dns.nsid == nil)
        #expect(defaults.dns.cookieSecret == nil)
        #expect(defaults.zones.directory == "zones")
        #expect(defaults.zones.reloadIntervalSeconds == 5)
        #expect(defaults.log.level == .info)
    }

    @Test(
        "A file without settings gives the defaults",
        arguments: ["", "\n\n", "# nothing set\n", "---\n", "~\n", "dns:\nzones:\nlog:\n", "dns: {}\nzones: ~\n"]
    )
    func emptyFile(yaml: String) throws {
        #expect(try ConfigurationFile(yaml).load() == Configuration())
    }

    @Test func fullFile() throws {
        let expected = try configuration {
            $0.dns.listen = try ["0.0.0.0:53", "[::]:53", "127.0.0.1:5353"].map(ListenAddress.init(parsing:))
            $0.dns.maxUDPPayload = 4096
            $0.dns.udpReceiveBufferBytes = 1_048_576
            $0.dns.udpWorkers = 3
            $0.dns.tcpIdleTimeoutSeconds = 30
            $0.dns.tcpMaxConnections = 64
            $0.dns.nsid = "gnsd-1"
            $0.dns.cookieSecret = [
                0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
            ]
            $0.zones.directory = "/etc/gnsd/zones"
            $0.zones.reloadIntervalSeconds = 0
            $0.log.level = .debug
            $0.log.format = .json
        }
        #expect(try ConfigurationFile(everyKey).load() == expected)
    }

    @Test(
        "Keys left out keep their defaults; null turns an optional setting off",
        arguments: [
            ("dns:\n  max-udp-payload: 512\n", configuration { $0.dns.maxUDPPayload = 512 }),
            ("dns:\n  max-udp-payload: 65535\n", configuration { $0.dns.maxUDPPayload = 65535 }),
            ("dns:\n  nsid: 42\n", configuration { $0.dns.nsid = "42" }),
            ("dns:\n  nsid: ~\n  cookie-secret: null\n", Configuration()),
            ("zones: {reload-interval: 86400}\n", configuration { $0.zones.reloadIntervalSeconds = 86400 }),
            ("log:\n  level: critical\n", configuration { $0.log.level = .critical }),
            ("log:\n  format: json\n", configuration { $0.log.format = .json }),
        ]
    )
    func partialFile(yaml: String, expected: Configuration) throws {
        #expect(try ConfigurationFile(yaml).load() == expected)
    }

    @Test(
        "An invalid value names the file, line, key path and reason",
        arguments: [
            ("dns:\n  max-udp-payload: 70000\n", "2: dns.max-udp-payload: must be between 512 and 65535, got 70000"),
            ("dns:\n  max-udp-payload: 511\n", "2: dns.max-udp-payload: must be between 512 and 65535, got 511"),
            ("dns:\n  max-udp-payload: big\n", #"2: dns.max-udp-payload: expected an integer, got "big""#),
            ("dns:\n  max-udp-payload: 1.5e3\n", #"2: dns.max-udp-payload: expected an integer, got "1.5e3""#),
            ("dns:\n  max-udp-payload:\n", #"2: dns.max-udp-payload: expected an integer, got """#),
            ("dns:\n  max-udp-payload: [1232]\n", "2: dns.max-udp-payload: expected a single value, got a list"),
            (
                "dns:\n  udp-receive-buffer: 1024\n",
                "2: dns.udp-receive-buffer: must be between 4096 and 1073741824, got 1024"
            ),
            ("dns:\n  tcp-idle-timeout: 0\n", "2: dns.tcp-idle-timeout: must be between 1 and 3600, got 0"),
            ("dns:\n  tcp-max-connections: -1\n", "2: dns.tcp-max-connections: must be between 1 and 1000000, got -1"),
            ("dns:\n  nsid: \"\"\n", "2: dns.nsid: must not be empty"),
            (
                "dns:\n  nsid: \(String(repeating: "n", count: 256))\n",
                "2: dns.nsid: must be at most 255 bytes, got 256"
            ),
            ("dns:\n  nsid: {name: a}\n", "2: dns.nsid: expected a single value, got a mapping"),
            ("dns:\n  cookie-secret: \"0011\"\n", "2: dns.cookie-secret: must be 32 hexadecimal digits (16 bytes)"),
            (
                "dns:\n  cookie-secret: 00112233445566778899aabbccddeefg\n",
                "2: dns.cookie-secret: must be 32 hexadecimal digits (16 bytes)"
            ),
            ("dns:\n  listen: 127.0.0.1:53\n", #"2: dns.listen: expected a list, got "127.0.0.1:53""#),
            ("dns:\n  listen:\n", "2: dns.listen: expected a list, got no value"),
            ("dns:\n  listen: []\n", "2: dns.listen: must list at least one address"),
            (
                "dns:\n  listen:\n    - 127.0.0.1:53\n    - \"::1:53\"\n",
                #"4: dns.listen[1]: an IPv6 address needs brackets, as in [::1]:5300, got "::1:53""#
            ),
            ("dns:\n  listen: [\"127.0.0.1\"]\n", #"2: dns.listen[0]: expected HOST:PORT, got "127.0.0.1""#),
            ("dns:\n  listen: [{host: a}]\n", "2: dns.listen[0]: expected a single value, got a mapping"),
            (
                "dns:\n  listen:\n    - 127.0.0.1:53\n    - localhost:53\n",
                "3: dns.listen: lists 127.0.0.1:53 more than once"
            ),
            ("zones:\n  directory: \"\"\n", "2: zones.directory: must not be empty"),
            ("zones:\n  reload-interval: 86401\n", "2: zones.reload-interval: must be between 0 and 86400, got 86401"),
            (
                "log:\n  level: verbose\n",
                #"2: log.level: must be one of trace, debug, info, notice, warning, error, critical, got "verbose""#
            ),
            (
                "log:\n  level: INFO\n",
                #"2: log.level: must be one of trace, debug, info, notice, warning, error, critical, got "INFO""#
            ),
            ("dns: 5300\n", #"1: dns: expected a mapping, got "5300""#),
            ("log: [info]\n", "1: log: expected a mapping, got a list"),
            ("- dns\n- zones\n", "1: expected a mapping, got a list"),
            ("gnsd\n", #"1: expected a mapping, got "gnsd""#),
        ]
    )
    func invalidValue(yaml: String, expected: String) throws {
        let file = try ConfigurationFile(yaml)
        let error = try #require(throws: ConfigurationError.self) { try file.load() }
        #expect(error.description == "\(file.path):\(expected)")
        #expect(error.file == file.path)
    }

    @Test(
        "An unknown key at any level is an error listing the valid keys",
        arguments: [
            ("dnss:\n  listen: []\n", "1: dnss: unknown key; valid keys are \(topKeys)"),
            ("dns:\n  nsid: a\nzone:\n  directory: z\n", "3: zone: unknown key; valid keys are \(topKeys)"),
            ("dns:\n  max-udp: 1232\n", "2: dns.max-udp: unknown key; valid keys are \(dnsKeys)"),
            ("dns:\n  maxUDPPayload: 1232\n", "2: dns.maxUDPPayload: unknown key; valid keys are \(dnsKeys)"),
            (
                "zones:\n  directory: z\n  dir: z\n",
                "3: zones.dir: unknown key; valid keys are directory, reload-interval"
            ),
            ("log:\n  level: info\n  formats: json\n", "3: log.formats: unknown key; valid keys are level, format"),
            ("log: {level: info, 7: x}\n", "1: log.7: unknown key; valid keys are level, format"),
            ("dns:\n  [listen]: x\n", "2: dns: expected a key name, got a list"),
        ]
    )
    func unknownKey(yaml: String, expected: String) throws {
        let file = try ConfigurationFile(yaml)
        let error = try #require(throws: ConfigurationError.self) { try file.load() }
        #expect(error.description == "\(file.path):\(expected)")
    }

    @Test(
        "Bad YAML is an error at its line",
        arguments: [
            (
                "dns:\n\tlisten: []\n",
                "2: invalid YAML: found character that cannot start any token (while scanning for the next token on line 2)"
            ),
            ("dns: listen: []\n", "1: invalid YAML: mapping values are not allowed in this context"),
            (
                "dns:\n  listen: [\"127.0.0.1:53\"\nlog: {}\n",
                "3: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence on line 2)"
            ),
            ("dns:\n  nsid: a\n  nsid: b\n", #"2: invalid YAML: duplicate key "nsid""#),
            ("dns:\n  nsid: *name\n", "2: invalid YAML: found undefined alias"),
            (
                "log:\n  level: info\n---\nlog: {}\n",
                "3: invalid YAML: but found another document (expected a single document in the stream on line 1)"
            ),
            ("log:\n  level: \u{7}\n", "2: invalid YAML: control characters are not allowed"),
        ]
    )
    func badYAML(yaml: String, expected: String) throws {
        let file = try ConfigurationFile(yaml)
        let error = try #require(throws: ConfigurationError.self) { try file.load() }
        #expect(error.description == "\(file.path):\(expected)")
    }

    @Test func fileThatIsNotUTF8() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/gnsd.yaml"
        try Data([0x6c, 0x6f, 0x67, 0x3a, 0xff, 0x0a]).write(to: URL(filePath: path))
        let error = try #require(throws: ConfigurationError.self) { try Configuration.load(file: path) }
        #expect(error.description == "\(path): is not UTF-8 text")
        #expect(error.line == nil)
    }

    @Test func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "gnsd-missing-\(UUID()).yaml").path
        let error = try #require(throws: ConfigurationError.self) { try Configuration.load(file: path) }
        #expect(error.description == "\(path): cannot open: No such file or directory")
        #expect(error.key.isEmpty)
    }

    @Test func folderInsteadOfFile() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let error = try #require(throws: ConfigurationError.self) { try Configuration.load(file: folder) }
        #expect(error.description == "\(folder): cannot read: Is a directory")
    }

    @Test(
        "Listen addresses: HOST:PORT for IPv4, [v6]:PORT for IPv6, localhost is 127.0.0.1",
        arguments: [
            ("127.0.0.1:5300", "127.0.0.1", 5300, "127.0.0.1:5300"),
            ("0.0.0.0:53", "0.0.0.0", 53, "0.0.0.0:53"),
            ("localhost:53", "127.0.0.1", 53, "127.0.0.1:53"),
            ("10.1.2.3:0", "10.1.2.3", 0, "10.1.2.3:0"),
            ("127.0.0.1:65535", "127.0.0.1", 65535, "127.0.0.1:65535"),
            ("[::1]:5300", "::1", 5300, "[::1]:5300"),
            ("[::]:53", "::", 53, "[::]:53"),
            ("[2001:db8::53]:8053", "2001:db8::53", 8053, "[2001:db8::53]:8053"),
            ("[::ffff:192.0.2.1]:53", "::ffff:192.0.2.1", 53, "[::ffff:192.0.2.1]:53"),
        ]
    )
    func listenAddress(text: String, host: String, port: Int, description: String) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.description == description)
    }

    @Test(
        "Listen addresses that are rejected, and why",
        arguments: [
            ("::1:5300", #"an IPv6 address needs brackets, as in [::1]:5300, got "::1:5300""#),
            ("::1", #"an IPv6 address needs brackets, as in [::1]:5300, got "::1""#),
            ("2001:db8::1:53", #"an IPv6 address needs brackets, as in [::1]:5300, got "2001:db8::1:53""#),
            ("[::1]", #"expected [IPv6]:PORT, got "[::1]""#),
            ("[::1]5300", #"expected [IPv6]:PORT, got "[::1]5300""#),
            ("[::1:5300", #"expected [IPv6]:PORT, got "[::1:5300""#),
            ("127.0.0.1", #"expected HOST:PORT, got "127.0.0.1""#),
            ("", #"expected HOST:PORT, got """#),
            ("127.0.0.1:65536", #"port must be between 0 and 65535, got "65536""#),
            ("127.0.0.1:", #"port must be between 0 and 65535, got """#),
            ("127.0.0.1:+53", #"port must be between 0 and 65535, got "+53""#),
            ("127.0.0.1:053053", #"port must be between 0 and 65535, got "053053""#),
            ("127.0.0.1:dns", #"port must be between 0 and 65535, got "dns""#),
            ("[::1]:-1", #"port must be between 0 and 65535, got "-1""#),
            ("example.com:53", #"expected an IPv4 address or localhost, got "example.com""#),
            ("256.0.0.1:53", #"expected an IPv4 address or localhost, got "256.0.0.1""#),
            (":53", #"expected an IPv4 address or localhost, got """#),
            ("[127.0.0.1]:53", #"expected an IPv6 address in brackets, got "127.0.0.1""#),
            ("[localhost]:53", #"expected an IPv6 address in brackets, got "localhost""#),
            ("[]:53", #"expected an IPv6 address in brackets, got """#),
        ]
    )
    func invalidListenAddress(text: String, reason: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try ListenAddress(parsing: text) }
        #expect(error.description == reason)
        #expect(error.reason == reason)
        #expect(error.key.isEmpty)
    }

    @Test func overridesReplaceFileValues() throws {
        var loaded = try ConfigurationFile(everyKey).load()
        try loaded.apply(
            overrides: ConfigurationOverrides(
                dnsListen: ["127.0.0.1:0", "[::1]:0"],
                zonesDirectory: "z",
                logLevel: "error"
            )
        )
        #expect(loaded.dns.listen.map(\.description) == ["127.0.0.1:0", "[::1]:0"])
        #expect(loaded.zones.directory == "z")
        #expect(loaded.log.level == .error)
        #expect(loaded.dns.maxUDPPayload == 4096)
    }

    @Test func noOverridesChangeNothing() throws {
        let loaded = try ConfigurationFile(everyKey).load()
        var overridden = loaded
        try overridden.apply(overrides: ConfigurationOverrides())
        #expect(overridden == loaded)
    }

    @Test(
        "Overrides are checked like the file, and errors name the flag",
        arguments: [
            (ConfigurationOverrides(dnsListen: ["5300"]), #"--dns-listen: expected HOST:PORT, got "5300""#),
            (
                ConfigurationOverrides(dnsListen: ["127.0.0.1:53", "::1:53"]),
                #"--dns-listen: an IPv6 address needs brackets, as in [::1]:5300, got "::1:53""#
            ),
            (ConfigurationOverrides(dnsListen: []), "--dns-listen: must list at least one address"),
            (
                ConfigurationOverrides(dnsListen: ["[::1]:53", "[::1]:53"]),
                "--dns-listen: lists [::1]:53 more than once"
            ),
            (ConfigurationOverrides(zonesDirectory: ""), "--zones: must not be empty"),
            (
                ConfigurationOverrides(logLevel: "loud"),
                #"--log-level: must be one of trace, debug, info, notice, warning, error, critical, got "loud""#
            ),
        ]
    )
    func invalidOverride(overrides: ConfigurationOverrides, expected: String) throws {
        var overridden = Configuration()
        let error = try #require(throws: ConfigurationError.self) { try overridden.apply(overrides: overrides) }
        #expect(error.description == expected)
        #expect(error.file == nil)
        #expect(error.line == nil)
    }

    @Test func failedOverridesLeaveTheConfigurationUnchanged() {
        var overridden = Configuration()
        #expect(throws: ConfigurationError.self) {
            try overridden.apply(overrides: ConfigurationOverrides(dnsListen: ["0.0.0.0:53"], logLevel: "loud"))
        }
        #expect(overridden == Configuration())
    }

    @Test func errorDescriptionLeavesOutWhatIsUnknown() {
        let placed = ConfigurationError(file: "gnsd.yaml", line: 7, key: "dns.nsid", reason: "bad")
        #expect(placed.description == "gnsd.yaml:7: dns.nsid: bad")
        #expect(ConfigurationError(file: "gnsd.yaml", key: "dns", reason: "bad").description == "gnsd.yaml: dns: bad")
        #expect(ConfigurationError(line: 3, reason: "bad").description == "line 3: bad")
        #expect(ConfigurationError(reason: "bad").description == "bad")
    }

    @Test func systemdExampleConfiguration() throws {
        let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repository.appending(path: "deploy/systemd/gnsd.yaml").path
        let loaded = try Configuration.load(file: path)
        #expect(loaded.dns.listen.map(\.description) == ["0.0.0.0:53", "[::]:53"])
        #expect(loaded.zones.directory == "/etc/gnsd/zones")
    }
}
