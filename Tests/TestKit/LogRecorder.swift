public import Logging
import Synchronization

/// A logger that keeps every line it gets, for asserting what was logged: ``lines`` as
/// `level: message {key=value, …}` with the metadata sorted by key, ``messages`` as `level: message`.
///
///     let log = LogRecorder()
///     let table = try EndpointTable(store: SQLiteEndpointStore(path: path, logger: log.logger()), ...)
///     #expect(log.messages.filter { $0.hasPrefix("error: ") } == [...])
public final class LogRecorder: Sendable {
    private struct Entry {
        var message: String
        var metadata: String
    }

    private let recorded = Mutex<[Entry]>([])

    public init() {}

    /// Every line so far, in order, with its metadata.
    public var lines: [String] { recorded.withLock { $0.map { $0.message + $0.metadata } } }

    /// Every line so far, in order, without its metadata.
    public var messages: [String] { recorded.withLock { $0.map(\.message) } }

    /// A logger writing into this recorder at `level` and above.
    public func logger(level: Logger.Level = .debug) -> Logger {
        var logger = Logger(label: "gnsd.test") { _ in Handler(recorder: self) }
        logger.logLevel = level
        return logger
    }

    private func append(_ entry: Entry) {
        recorded.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var logLevel: Logger.Level = .debug
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = metadata.merging(event.metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            recorder.append(
                Entry(message: "\(event.level): \(event.message)", metadata: fields.isEmpty ? "" : " {\(fields.joined(separator: ", "))}"))
        }
    }
}
