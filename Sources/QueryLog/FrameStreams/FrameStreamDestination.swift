/// Where a Frame Streams writer sends its frames.
public enum FrameStreamDestination: Sendable, Equatable, CustomStringConvertible {
    /// A file, truncated when gnsd starts (as fstrm's file writer does); one stream from START to STOP.
    case file(String)
    /// A Unix stream socket a collector listens on (`fstrm_capture -u`, a dnstap-reading
    /// daemon): the bidirectional handshake (READY, ACCEPT, START), reconnecting each second
    /// while the collector is away.
    case socket(String)

    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .socket(let path): "socket \(path)"
        }
    }
}
