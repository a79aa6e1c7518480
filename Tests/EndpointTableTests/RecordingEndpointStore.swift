import EndpointTable
import Synchronization

/// An in-memory store that records each write and can be told to fail.
final class RecordingEndpointStore: EndpointStore {
    enum Call: Hashable, Sendable {
        case save(StoredClusterUpdate)
        case deleteCluster(ClusterID)
    }

    struct InjectedFailure: Error, CustomStringConvertible {
        var description: String { "disk full" }
    }

    private let backing: InMemoryEndpointStore
    private let state = Mutex((calls: [Call](), failing: false))

    init(_ clusters: [StoredCluster] = []) {
        backing = InMemoryEndpointStore(clusters)
    }

    /// Every successful write so far, in order.
    var calls: [Call] { state.withLock { $0.calls } }

    /// While set, every write throws ``InjectedFailure`` and changes nothing.
    func setFailing(_ failing: Bool) {
        state.withLock { $0.failing = failing }
    }

    func load() throws -> [StoredCluster] {
        backing.load()
    }

    func save(_ update: StoredClusterUpdate) throws {
        try record(.save(update)) { try backing.save(update) }
    }

    func deleteCluster(_ id: ClusterID) throws {
        try record(.deleteCluster(id)) { backing.deleteCluster(id) }
    }

    func reservedAnswerVersion() -> UInt64 {
        backing.reservedAnswerVersion()
    }

    func reserveAnswerVersions(through version: UInt64) throws {
        try state.withLock { state in
            guard !state.failing else { throw InjectedFailure() }
            backing.reserveAnswerVersions(through: version)
        }
    }

    private func record(_ call: Call, _ write: () throws -> Void) throws {
        try state.withLock { state in
            guard !state.failing else { throw InjectedFailure() }
            try write()
            state.calls.append(call)
        }
    }
}
