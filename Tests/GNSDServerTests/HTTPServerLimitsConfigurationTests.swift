import PushAPI
import Testing

@testable import GNSDServer

/// The `api:` keys for the push API's deadlines and connection limit.
@Suite("Push API server limits")
struct HTTPServerLimitsConfigurationTests {
    @Test func defaults() {
        let api = Configuration().api
        #expect(api.requestHeadTimeoutSeconds == 5)
        #expect(api.requestBodyTimeoutSeconds == 60)
        #expect(api.idleTimeoutSeconds == 75)
        #expect(api.maxConnections == 1024)
        let limits = HTTPServerLimits(configuration: Configuration(), openFiles: 1 << 20)
        #expect(limits == HTTPServerLimits())
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try ConfigurationFile(
            "api:\n  request-head-timeout: 2\n  request-body-timeout: 30\n  idle-timeout: 10\n  max-connections: 100\n"
        ).load()
        let limits = HTTPServerLimits(configuration: configuration, openFiles: 20_000)
        #expect(
            limits
                == HTTPServerLimits(
                    requestHeadTimeout: .seconds(2), requestBodyTimeout: .seconds(30), idleTimeout: .seconds(10), maxConnections: 100))
    }

    @Test(
        "Out-of-range values name the key and the range",
        arguments: [
            ("api:\n  request-head-timeout: 0\n", "2: api.request-head-timeout: must be between 1 and 300, got 0"),
            ("api:\n  request-body-timeout: 3601\n", "2: api.request-body-timeout: must be between 1 and 3600, got 3601"),
            ("api:\n  idle-timeout: -1\n", "2: api.idle-timeout: must be between 1 and 3600, got -1"),
            ("api:\n  max-connections: 15\n", "2: api.max-connections: must be between 16 and 1000000, got 15"),
        ]
    )
    func outOfRange(yaml: String, expected: String) throws {
        let file = try ConfigurationFile(yaml)
        let error = try #require(throws: ConfigurationError.self) { try file.load() }
        #expect(error.description == "\(file.path):\(expected)")
    }

    @Test(
        "The connection limit takes at most half the open-files limit, and no fewer than 16",
        arguments: [(UInt64(1024), 512), (20_000, 1024), (20, 16)]
    )
    func connectionsFitTheOpenFilesLimit(openFiles: UInt64, expected: Int) {
        #expect(HTTPServerLimits(configuration: Configuration(), openFiles: openFiles).maxConnections == expected)
    }
}
