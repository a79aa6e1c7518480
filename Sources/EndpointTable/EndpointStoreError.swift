/// Why a store refused a call.
public enum EndpointStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stored generation is not the one the update was based on.
    case generationConflict(ClusterID, stored: UInt64, expected: UInt64)
    /// A stored row could not be read back as a cluster or export.
    case invalidRecord(String)
    /// The state file as a whole cannot be opened or read; `remedy` says what the operator can do.
    case unreadableStateFile(path: String, reason: String, remedy: String)

    public var description: String {
        switch self {
        case .generationConflict(let id, let stored, let expected):
            "cluster \(id) is stored at generation \(stored), not \(expected)"
        case .invalidRecord(let reason):
            "invalid stored record: \(reason)"
        case .unreadableStateFile(let path, let reason, let remedy):
            "state file \(path) cannot be read (\(reason)): \(remedy)"
        }
    }
}
