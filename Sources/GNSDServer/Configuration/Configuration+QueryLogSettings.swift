internal import Authority
internal import Foundation
internal import QueryLog

/// The `query-log:` section: dnstap to a file or a collector's socket, a sampled text log, and how
/// many queries may wait for the log's writer. Both logs are off by default.
public struct QueryLogConfiguration: Sendable, Equatable {
    /// dnstap output file (`dnstap-file`), truncated at start; `null` for none. Default none.
    public var dnstapFile: String?
    /// Unix socket of a dnstap collector (`dnstap-socket`), such as `fstrm_capture -u`; `null` for none.
    public var dnstapSocket: String?
    /// The dnstap `identity` (`dnstap-identity`). Default the host name.
    public var dnstapIdentity: String?
    /// Which dnstap messages are written (`dnstap-messages`): `both`, `queries` or `responses`. Default `both`.
    public var dnstapMessages: DnstapMessages
    /// One text log line per this many queries (`text-sample-every`, 0–1,000,000,000); 0, the default, is off.
    public var textSampleEvery: Int
    /// The most queries waiting for the log's writer (`max-queued-queries`, 16–1,000,000); more are
    /// dropped and counted. Default 16,384 (and at most 32 MiB of messages).
    public var maxQueuedQueries: Int

    /// dnstap's message types, as Knot's `log-queries` and `log-responses`.
    public enum DnstapMessages: String, Sendable, CaseIterable {
        case both, queries, responses
    }

    /// The defaults: no query log.
    public init() {
        dnstapMessages = .both
        textSampleEvery = 0
        maxQueuedQueries = QueryLogSettings().maxQueuedQueries
    }

    /// The query log's settings.
    var settings: QueryLogSettings {
        let destination: FrameStreamDestination? = dnstapFile.map { .file($0) } ?? dnstapSocket.map { .socket($0) }
        return QueryLogSettings(
            dnstap: destination.map {
                DnstapSettings(
                    destination: $0, identity: dnstapIdentity ?? ProcessInfo.processInfo.hostName, version: "gnsd \(GNSDVersion.current)",
                    logQueries: dnstapMessages != .responses, logResponses: dnstapMessages != .queries)
            },
            textSampleEvery: textSampleEvery, maxQueuedQueries: maxQueuedQueries)
    }

    /// A file and a socket at once is an error; a socket path must fit `sockaddr_un`.
    func validate() throws(ConfigurationError) {
        if dnstapFile != nil, dnstapSocket != nil {
            throw ConfigurationError(key: "query-log.dnstap-socket", reason: "cannot be set together with dnstap-file: choose one")
        }
        if let socket = dnstapSocket, socket.utf8.count > 107 {
            throw ConfigurationError(
                key: "query-log.dnstap-socket", reason: "must be at most 107 bytes (a Unix socket path), got \(socket.utf8.count)")
        }
    }
}

extension QueryLogConfiguration: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("dnstap-file", \.dnstapFile, .text()),
            .init("dnstap-socket", \.dnstapSocket, .text()),
            .init("dnstap-identity", \.dnstapIdentity, .text(maxBytes: 255)),
            .init("dnstap-messages", \.dnstapMessages, .choice),
            .init("text-sample-every", \.textSampleEvery, .integer(in: 0...1_000_000_000)),
            .init("max-queued-queries", \.maxQueuedQueries, .integer(in: 16...1_000_000)),
        ]
    }
}
