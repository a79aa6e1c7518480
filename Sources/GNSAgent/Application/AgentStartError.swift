/// Why `gnsd agent` could not start: options that do not fit together, or a source or server
/// that cannot be set up. Its description is the one line the command prints.
public enum AgentStartError: Error, Equatable, CustomStringConvertible {
    /// An option is invalid or goes without the one it needs.
    case usage(String)
    /// The options are valid, but the source or a server link could not be made.
    case setup(String)

    public var description: String {
        switch self {
        case .usage(let message), .setup(let message): message
        }
    }
}
