import Hummingbird

extension PushKind {
    /// The write a request asks for and the cluster text in its path, or `nil` for a request
    /// that is no write (reads, unknown paths).
    static func write(method: HTTPRequest.Method, path: String) -> (kind: PushKind, cluster: String)? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard segments.count >= 3, segments[0] == "v1", segments[1] == "clusters" else { return nil }
        let cluster = segments[2]
        switch (method, segments.dropFirst(3).first, segments.count) {
        case (.put, "snapshot", 4): return (.snapshot, cluster)
        case (.patch, "exports", 4): return (.delta, cluster)
        case (.post, "heartbeat", 4): return (.heartbeat, cluster)
        case (.post, "release", 4): return (.release, cluster)
        case (.delete, nil, 3): return (.delete, cluster)
        default: return nil
        }
    }
}
