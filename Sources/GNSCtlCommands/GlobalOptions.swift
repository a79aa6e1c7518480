internal import ArgumentParser
import Foundation
import GNSClient

/// The options every gnsctl command takes: where gnsd is, the token, TLS, the output and the timeout.
struct GlobalOptions: ParsableArguments {
    /// The server when neither `--server` nor `GNSCTL_SERVER` gives one.
    static let defaultServer = "http://127.0.0.1:8053"

    @Option(help: ArgumentHelp("gnsd's push API (default \(Self.defaultServer), or $GNSCTL_SERVER).", valueName: "URL"))
    var server: String?

    @Option(help: ArgumentHelp("Bearer token (default $GNSCTL_TOKEN; none when unset).", valueName: "TOKEN"))
    var token: String?

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp(
            "CA certificates (PEM) gnsd's https:// certificate must chain to (default $GNSCTL_CA_FILE, else the system's).", valueName: "PATH"))
    var caFile: String?

    @Option(
        name: .customLong("client-certificate"),
        help: ArgumentHelp("Client certificate (PEM) for gnsd's mutual TLS (default $GNSCTL_CLIENT_CERTIFICATE).", valueName: "PATH"))
    var clientCertificate: String?

    @Option(
        name: .customLong("client-key"), help: ArgumentHelp("The client certificate's key (PEM; default $GNSCTL_CLIENT_KEY).", valueName: "PATH"))
    var clientKey: String?

    @Flag(
        name: .customLong("allow-plaintext-token"),
        help: "Send the token to an http:// server beyond loopback, in clear text (only behind a TLS proxy).")
    var allowPlaintextToken = false

    @Option(help: "Output format: table or json.")
    var output: OutputFormat = .table

    @Option(help: ArgumentHelp("Seconds to wait for each answer.", valueName: "SECONDS"))
    var timeout: Double = 10

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be above 0 and at most 3600 seconds, got \(timeout)")
        }
    }

    /// `--server`, else `GNSCTL_SERVER`, else the default.
    var serverURL: String {
        server ?? Self.environment("GNSCTL_SERVER") ?? Self.defaultServer
    }

    /// Runs `body` with a client for these options, closing it afterwards; a bad server address,
    /// gnsd's refusals and unreachable servers end the command with their exit status.
    func withClient(_ body: (GNSClient) async throws -> Void) async throws {
        let client: GNSClient
        do {
            let tls = ClientTLS(
                caFile: caFile ?? Self.environment("GNSCTL_CA_FILE"),
                certificate: clientCertificate ?? Self.environment("GNSCTL_CLIENT_CERTIFICATE"),
                key: clientKey ?? Self.environment("GNSCTL_CLIENT_KEY"))
            client = try GNSClient(
                server: serverURL, token: token ?? Self.environment("GNSCTL_TOKEN"), tls: tls, allowsPlaintextToken: allowPlaintextToken,
                timeout: .milliseconds(Int((timeout * 1000).rounded())))
        } catch {
            throw CommandFailure(error)
        }
        do {
            try await body(client)
            await client.shutdown()
        } catch {
            await client.shutdown()
            throw (error as? GNSClientError).map(CommandFailure.init) ?? error
        }
    }

    /// Fetches an answer with a client for these options and prints it.
    func show(_ fetch: (GNSClient) async throws -> some TextRendered) async throws {
        try await withClient { client in try print(try await fetch(client)) }
    }

    /// Prints `value` as pretty JSON with sorted keys, or as its text.
    func print(_ value: some TextRendered) throws {
        switch output {
        case .table:
            Swift.print(value.text, terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
        }
    }

    /// The variable `name` when it is set and not empty.
    private static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
