import EndpointTable
import Logging
import TestKit
import TestSupport
import Testing

@testable import GNSAgent

/// `gnsd agent` as the command builds it: the options checked one by one with the line the
/// command prints, the defaults, the source chosen, and an agent that pushes a file's exports
/// to a real gnsd until it is cancelled.
@Suite(.serialized)
struct AgentApplicationTests {
    static func options(_ change: (inout AgentOptions) -> Void = { _ in }) -> AgentOptions {
        var options = AgentOptions(cluster: "aws-west")
        options.file = "/nonexistent/exports.yaml"
        change(&options)
        return options
    }

    static let usageCases: [(String, AgentOptions)] = [
        (
            "--cluster: must be an RFC 1123 label: 1 to 63 characters of a-z, 0-9 and '-', not starting or ending with '-', got \"AWS_West\"",
            options { $0.cluster = "AWS_West" }
        ),
        ("--heartbeat: must be from 0.1 to 3600 seconds, got 0.05", options { $0.heartbeatSeconds = 0.05 }),
        ("--heartbeat: must be from 0.1 to 3600 seconds, got 3601.0", options { $0.heartbeatSeconds = 3601 }),
        ("give exactly one source: --file PATH or --kubernetes", options { $0.kubernetes = true }),
        ("give exactly one source: --file PATH or --kubernetes", options { $0.file = nil }),
        ("--kubeconfig, --context and --namespace go with --kubernetes", options { $0.namespace = "shop" }),
        (
            "--context names a context of the --kubeconfig file",
            options {
                $0.file = nil
                $0.kubernetes = true
                $0.context = "prod"
            }
        ),
    ]

    @Test(arguments: usageCases)
    func aWrongOptionIsAUsageErrorNamingIt(_ expected: String, _ options: AgentOptions) {
        #expect(throws: AgentStartError.usage(expected)) {
            try AgentApplication(options: options, environment: [:], logger: Logger(label: "test"))
        }
    }

    @Test func defaultsFillWhatIsNotGiven() throws {
        let settings = try AgentApplication.settings(
            from: Self.options { $0.heartbeatSeconds = 0.25 }, environment: ["GNSD_AGENT_TOKEN": "from-env"])
        #expect(settings.cluster == ClusterID("aws-west"))
        #expect(settings.servers == ["http://127.0.0.1:8053"])
        #expect(settings.token == "from-env")
        #expect(settings.heartbeat == .milliseconds(250))
        let given = try AgentApplication.settings(
            from: Self.options {
                $0.servers = ["http://10.0.0.1:8053", "https://gnsd.example:8443"]
                $0.token = "given"
                $0.region = "us-west-2"
                $0.zone = "us-west-2a"
            }, environment: ["GNSD_AGENT_TOKEN": "from-env"])
        #expect(given.servers == ["http://10.0.0.1:8053", "https://gnsd.example:8443"])
        #expect(given.token == "given")
        #expect(given.info == ClusterInfo(region: "us-west-2", zone: "us-west-2a"))
    }

    @Test func aSourceOrServerThatCannotBeSetUpIsASetupError() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("exports.yaml", "exports: []\n")
        let badServer = try AgentApplication(
            options: Self.options {
                $0.file = directory.path + "/exports.yaml"
                $0.servers = ["ftp://127.0.0.1:8053"]
            }, environment: [:], logger: Logger(label: "test"))
        do {
            try await badServer.run(gracefulShutdownSignals: [])
            Issue.record("an agent with an ftp:// server ran")
        } catch {
            #expect(error as? AgentStartError == .setup("invalid server URL ftp://127.0.0.1:8053: must be http:// or https:// with a host"))
        }
        let missingKubeconfig = Self.options {
            $0.file = nil
            $0.kubernetes = true
            $0.kubeconfig = directory.path + "/no-such-kubeconfig"
        }
        let error = #expect(throws: AgentStartError.self) {
            try AgentApplication(options: missingKubeconfig, environment: [:], logger: Logger(label: "test"))
        }
        guard case .setup(let message) = error else {
            Issue.record("expected a setup error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("no-such-kubeconfig"))
    }

    @Test func theFileOptionPicksTheFileSource() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("exports.yaml", "exports: []\n")
        let application = try AgentApplication(
            options: Self.options { $0.file = directory.path + "/exports.yaml" }, environment: [:], logger: Logger(label: "test"))
        #expect(application.source is FileExportSource)
    }

    @Test func pushesTheFilesExportsToGnsdUntilCancelled() async throws {
        let zones = try TemporaryDirectory()
        defer { zones.remove() }
        try zones.write("acme.local.zone", "$ORIGIN acme.local.\n@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ NS ns1\nns1 A 127.0.0.1\n")
        try zones.write(
            "exports.yaml",
            "exports:\n  - namespace: default\n    name: web\n    type: clusterSetIP\n    ips: [10.96.0.1]\n    ports: [{name: http, port: 80}]\n    endpoints:\n      - {addresses: [10.1.0.1], ready: true}\n"
        )
        try await withServer(zones: zones.path) { server in
            let application = try AgentApplication(
                options: Self.options {
                    $0.file = zones.path + "/exports.yaml"
                    $0.servers = ["http://127.0.0.1:\(server.apiPort)"]
                    $0.heartbeatSeconds = 0.2
                }, environment: [:], logger: Logger(label: "test"))
            let running = Task { try await application.run(gracefulShutdownSignals: []) }
            let web = ServiceKey(namespace: "default", name: "web")!
            var pushed = false
            for _ in 0..<250 where !pushed {
                pushed = server.application.table.snapshot.services[web]?.exports[ClusterID("aws-west")!] != nil
                if !pushed { try await Task.sleep(for: .milliseconds(20)) }
            }
            running.cancel()
            try await running.value
            #expect(pushed, "the file's export reached gnsd within 5 s")
        }
    }
}
