import QueryLog
import Testing

@testable import GNSDServer

/// The `query-log:` section: off by default, every key, and the errors an operator can make.
struct QueryLogConfigurationTests {
    @Test func offByDefault() throws {
        let settings = Configuration().queryLog.settings
        #expect(settings.dnstap == nil)
        #expect(settings.textSampleEvery == 0)
        #expect(!settings.isEnabled)
        #expect(settings.maxQueuedQueries == 16_384)
    }

    @Test func everyKey() throws {
        let yaml = """
            query-log:
              dnstap-socket: /run/gnsd/dnstap.sock
              dnstap-identity: ns1.example
              dnstap-messages: responses
              text-sample-every: 1000
              max-queued-queries: 4096
            """
        let configuration = try ConfigurationFile(yaml).load()
        try configuration.validate()
        let settings = configuration.queryLog.settings
        let dnstap = try #require(settings.dnstap)
        #expect(dnstap.destination == .socket("/run/gnsd/dnstap.sock"))
        #expect(dnstap.identity == "ns1.example")
        #expect(dnstap.version.hasPrefix("gnsd "))
        #expect(!dnstap.logQueries)
        #expect(dnstap.logResponses)
        #expect(settings.textSampleEvery == 1000)
        #expect(settings.maxQueuedQueries == 4096)
        let file = try ConfigurationFile("query-log:\n  dnstap-file: /var/log/gnsd/dnstap.fstrm\n").load().queryLog.settings
        #expect(file.dnstap?.destination == .file("/var/log/gnsd/dnstap.fstrm"))
        #expect(file.dnstap?.logQueries == true)
        #expect(file.dnstap?.logResponses == true)
    }

    @Test(arguments: [
        ("query-log:\n  text-sample-every: -1\n", "2: query-log.text-sample-every: must be between 0 and 1000000000, got -1"),
        ("query-log:\n  dnstap-messages: all\n", #"2: query-log.dnstap-messages: must be one of both, queries, responses, got "all""#),
        ("query-log:\n  max-queued-queries: 1\n", "2: query-log.max-queued-queries: must be between 16 and 1000000, got 1"),
    ])
    func invalidValue(yaml: String, expected: String) throws {
        let file = try ConfigurationFile(yaml)
        let error = try #require(throws: ConfigurationError.self) { try file.load() }
        #expect(error.description == "\(file.path):\(expected)")
    }

    @Test(arguments: [
        (
            "query-log:\n  dnstap-file: a.fstrm\n  dnstap-socket: b.sock\n",
            "query-log.dnstap-socket: cannot be set together with dnstap-file: choose one"
        ),
        (
            "query-log:\n  dnstap-socket: /\(String(repeating: "s", count: 110))\n",
            "query-log.dnstap-socket: must be at most 107 bytes (a Unix socket path), got 111"
        ),
    ])
    func invalidCombination(yaml: String, expected: String) throws {
        let configuration = try ConfigurationFile(yaml).load()
        let error = try #require(throws: ConfigurationError.self) { try configuration.validate() }
        #expect(error.description == expected)
    }
}
