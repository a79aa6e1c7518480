/// What the query logs write: dnstap frames of every query, a text line for one query in
/// `textSampleEvery`, or both; and how much may wait for the writer.
public struct QueryLogSettings: Sendable, Equatable {
    /// dnstap output, or `nil` for none.
    public var dnstap: DnstapSettings?
    /// One text log line per this many queries; 0 for none.
    public var textSampleEvery: Int
    /// The most captured queries waiting for the writer; more are dropped and counted.
    public var maxQueuedQueries: Int
    /// The most bytes of captured messages waiting for the writer.
    public var maxQueuedBytes: Int

    public init(dnstap: DnstapSettings? = nil, textSampleEvery: Int = 0, maxQueuedQueries: Int = 16_384, maxQueuedBytes: Int = 32 << 20) {
        self.dnstap = dnstap
        self.textSampleEvery = textSampleEvery
        self.maxQueuedQueries = maxQueuedQueries
        self.maxQueuedBytes = maxQueuedBytes
    }

    /// Whether any log is on, so that the answer path captures queries at all.
    public var isEnabled: Bool { dnstap != nil || textSampleEvery > 0 }
}

/// The dnstap part of the query logs.
public struct DnstapSettings: Sendable, Equatable {
    /// The file or socket the frames go to.
    public var destination: FrameStreamDestination
    /// The `identity` field of every message: which server wrote it.
    public var identity: String
    /// The `version` field of every message.
    public var version: String
    /// Write an AUTH_QUERY message for each query.
    public var logQueries: Bool
    /// Write an AUTH_RESPONSE message for each response.
    public var logResponses: Bool

    public init(destination: FrameStreamDestination, identity: String, version: String, logQueries: Bool = true, logResponses: Bool = true) {
        self.destination = destination
        self.identity = identity
        self.version = version
        self.logQueries = logQueries
        self.logResponses = logResponses
    }
}
