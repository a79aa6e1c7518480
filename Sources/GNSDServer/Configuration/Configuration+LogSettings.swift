public import Logging

/// What gnsd logs (the `log:` section).
public struct LogSettings: Sendable, Equatable {
    /// The least severe level logged: trace, debug, info, notice, warning, error or critical (`level`). Default `info`.
    public var level: Logger.Level
    /// How lines are written (`format`): `text` or `json`. Default `text`.
    public var format: LogFormat

    /// The defaults: text lines at `info` and above.
    public init() {
        level = .info
        format = .text
    }
}

/// How log lines are written to standard error.
public enum LogFormat: String, Sendable, CaseIterable {
    /// swift-log's line: `TIME LEVEL LOGGER: key=value ... [MODULE] message`.
    case text
    /// One JSON object per line (``JSONLogHandler``), for log collectors.
    case json
}

extension LogSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [.init("level", \.level, .choice), .init("format", \.format, .choice)]
    }
}
