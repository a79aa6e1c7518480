/// The timing of list and watch requests and of publishing; the defaults suit a real cluster.
public struct KubernetesWatchTiming: Sendable, Equatable {
    /// How long a burst of events is gathered before the exports are computed and published.
    public var debounce: Duration
    /// The `timeoutSeconds` of each watch: the server ends the watch after it and the source resumes.
    public var watchTimeout: Duration
    /// The time limit for connecting and for a list request to be answered.
    public var requestTimeout: Duration
    /// The first retry delay after a failure; it doubles with each failure in a row, with jitter.
    public var initialBackoff: Duration
    /// The longest retry delay.
    public var maximumBackoff: Duration
    /// Objects asked for per list page (`limit`).
    public var pageSize: Int
    /// How long a relist that came back empty while objects were known waits for the list that confirms it.
    public var emptyListConfirmation: Duration

    /// Timing with the given values; the defaults are 100 ms, 5 min, 30 s, 0.5 s, 30 s, 500 objects and 10 s.
    public init(
        debounce: Duration = .milliseconds(100),
        watchTimeout: Duration = .seconds(300),
        requestTimeout: Duration = .seconds(30),
        initialBackoff: Duration = .milliseconds(500),
        maximumBackoff: Duration = .seconds(30),
        pageSize: Int = 500,
        emptyListConfirmation: Duration = .seconds(10)
    ) {
        self.debounce = debounce
        self.watchTimeout = watchTimeout
        self.requestTimeout = requestTimeout
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.pageSize = pageSize
        self.emptyListConfirmation = emptyListConfirmation
    }

    /// The backoff these settings describe.
    var backoff: Backoff { Backoff(initial: initialBackoff, maximum: maximumBackoff) }

    /// `watchTimeout` in whole seconds, at least 1, as the `timeoutSeconds` query parameter takes it.
    var watchTimeoutSeconds: Int64 { max(1, watchTimeout.components.seconds) }
}
