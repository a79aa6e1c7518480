internal import GNSDServer
internal import Logging

/// Configures swift-log once for the process: lines on standard error at the configured level,
/// as text or JSON, under `label` (`gnsd` for the server, `gnsd-agent` for the agent).
enum LogSetup {
    static func bootstrap(label: String, level: Logger.Level, format: LogFormat) -> Logger {
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
