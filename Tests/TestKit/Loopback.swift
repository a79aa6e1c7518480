/// The loopback addresses tests listen on and talk to.
public enum Loopback: String, CaseIterable, Sendable, CustomStringConvertible {
    case v4 = "127.0.0.1"
    case v6 = "::1"

    public var description: String { rawValue }
}
