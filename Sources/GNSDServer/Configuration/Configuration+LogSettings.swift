public import Logging

/// What gnsd logs (the `log:` section).
public struct LogSettings: Sendable, Equatable {
    /// The least severe level logged: trace, debug, info, notice, warning, error or critical (`level`). Default `info`.
    public var level: Logger.Level

    /// The defaults: log at `info` and above.
    public init() {
        level = .info
    }
}

extension LogSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [.init("level", \.level, .choice)]
    }
}
