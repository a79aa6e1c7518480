import EndpointTable

/// A store whose disk is gone: it loads nothing and refuses every write.
struct FailingStore: EndpointStore {
    struct DiskGone: Error, CustomStringConvertible {
        var description: String { "disk I/O error" }
    }

    func load() -> [StoredCluster] { [] }

    func save(_ update: StoredClusterUpdate) throws {
        throw DiskGone()
    }

    func deleteCluster(_ id: ClusterID) throws {
        throw DiskGone()
    }

    func reservedAnswerVersion() -> UInt64 { 0 }

    func reserveAnswerVersions(through version: UInt64) throws {
        throw DiskGone()
    }
}
