internal import Logging

/// Configures swift-log once for the process: lines on standard error at the configured level.
enum LogSetup {
    static func bootstrap(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "gnsd")
        logger.logLevel = level
        return logger
    }
}
