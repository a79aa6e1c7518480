import Logging
import Synchronization

/// A logger that keeps every line it gets as `level: message {key=value, …}`, metadata sorted by key.
final class LogRecorder: Sendable {
    private let recorded = Mutex<[String]>([])

    /// Every line so far, in order.
    var lines: [String] { recorded.withLock { $0 } }

    /// A logger writing into this recorder at `level` and above.
    func logger(level: Logger.Level = .debug) -> Logger {
        var logger = Logger(label: "gnsd.test") { _ in Handler(recorder: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func append(_ line: String) {
        recorded.withLock { $0.append(line) }
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
            recorder.append("\(event.level): \(event.message)" + (fields.isEmpty ? "" : " {\(fields.joined(separator: ", "))}"))
        }
    }
}
