import Authority
import Testing

@testable import GNSDServer

/// The `dns.rate-limit:` section and `dns.cookie-rotation`: defaults, every key, off, errors,
/// and the cluster networks exempt whatever the section says.
struct RateLimitConfigurationTests {
    private static let rateLimitKeys =
        "responses-per-second, nxdomains-per-second, errors-per-second, slip, ipv4-prefix-length, ipv6-prefix-length, exempt, table-size"

    @Test func onByDefaultWithLoopbackExempt() throws {
        let defaults = Configuration()
        let settings = try #require(defaults.dns.rateLimit)
        #expect(settings.responsesPerSecond == 20)
        #expect(settings.nxdomainsPerSecond == 10)
        #expect(settings.errorsPerSecond == 10)
        #expect(settings.slip == 2)
        #expect(settings.ipv4PrefixLength == 24)
        #expect(settings.ipv6PrefixLength == 56)
        #expect(settings.exempt.map(\.description) == ["127.0.0.0/8", "::1/128"])
        #expect(settings.tableSize == 32_768)
        #expect(defaults.dns.cookieRotationSeconds == 86_400)
    }

    @Test func everyKey() throws {
        let yaml = """
            dns:
              cookie-rotation: 7200
              rate-limit:
                responses-per-second: 5
                nxdomains-per-second: 3
                errors-per-second: 0
                slip: 1
                ipv4-prefix-length: 32
                ipv6-prefix-length: 64
                exempt: ["192.0.2.0/24", "2001:db8::/32"]
                table-size: 1024
            """
        let configuration = try ConfigurationFile(yaml).load()
        let settings = try #require(configuration.dns.rateLimit)
        #expect(settings.responsesPerSecond == 5)
        #expect(settings.nxdomainsPerSecond == 3)
        #expect(settings.errorsPerSecond == 0)
        #expect(settings.slip == 1)
        #expect(settings.ipv4PrefixLength == 32)
        #expect(settings.ipv6PrefixLength == 64)
        #expect(settings.exempt.map(\.description) == ["192.0.2.0/24", "2001:db8::/32"])
        #expect(settings.tableSize == 1024)
        #expect(configuration.dns.cookieRotationSeconds == 7200)
    }

    @Test func keysLeftOutKeepTheirDefaults() throws {
        let configuration = try ConfigurationFile("dns:\n  rate-limit:\n    slip: 0\n").load()
        var expected = RateLimitSettings()
        expected.slip = 0
        #expect(configuration.dns.rateLimit == expected)
    }

    @Test func nullTurnsItOff() throws {
        let configuration = try ConfigurationFile("dns:\n  rate-limit: null\n").load()
        #expect(configuration.dns.rateLimit == nil)
        #expect(configuration.udpRateLimit == nil)
    }

    @Test(arguments: [
        ("dns:\n  rate-limit:\n    slip: 11\n", "3: dns.rate-limit.slip: must be between 0 and 10, got 11"),
        ("dns:\n  rate-limit:\n    responses-per-second: -1\n", "3: dns.rate-limit.responses-per-second: must be between 0 and 1000000, got -1"),
        ("dns:\n  rate-limit:\n    ipv4-prefix-length: 33\n", "3: dns.rate-limit.ipv4-prefix-length: must be between 8 and 32, got 33"),
        ("dns:\n  rate-limit:\n    table-size: 0\n", "3: dns.rate-limit.table-size: must be between 1 and 16777216, got 0"),
        (
            "dns:\n  rate-limit:\n    exempt: [\"10.1.2.3/16\"]\n",
            #"3: dns.rate-limit.exempt[0]: expected a network such as 10.1.0.0/16, got "10.1.2.3/16""#
        ),
        ("dns:\n  rate-limit:\n    window: 15\n", "3: dns.rate-limit.window: unknown key; valid keys are \(rateLimitKeys)"),
        ("dns:\n  rate-limit: 5\n", #"2: dns.rate-limit: expected a mapping, got "5""#),
        ("dns:\n  cookie-rotation: 60\n", "2: dns.cookie-rotation: must be between 3600 and 31536000, got 60"),
    ])
    func invalidValue(yaml: String, expected: String) throws {
        let file = try ConfigurationFile(yaml)
        let error = try #require(throws: ConfigurationError.self) { try file.load() }
        #expect(error.description == "\(file.path):\(expected)")
    }

    @Test func clusterNetworksAreAlwaysExempt() throws {
        let yaml = """
            dns:
              rate-limit:
                exempt: ["192.0.2.0/24"]
            clusters:
              - id: aws-west
                networks: ["10.1.0.0/16", "192.0.2.0/24"]
              - id: gcp-east
                networks: ["fd00:2::/48"]
            """
        let configuration = try ConfigurationFile(yaml).load()
        let settings = try #require(configuration.udpRateLimit)
        #expect(settings.exempt.map(\.description) == ["192.0.2.0/24", "10.1.0.0/16", "fd00:2::/48"])
    }
}
