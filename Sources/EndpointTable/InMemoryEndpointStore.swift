import Synchronization

/// Keeps the table's durable state in memory only: for tests, and for running without a data folder.
public final class InMemoryEndpointStore: EndpointStore {
    private struct Record {
        var info: ClusterInfo
        var generation: UInt64
        var exports: [ServiceKey: ServiceExport]
        var firstExported: [ServiceKey: Duration]
    }

    private let records: Mutex<[ClusterID: Record]>
    private let answerVersion = Mutex<UInt64>(0)

    /// A store holding `clusters`.
    public init(_ clusters: [StoredCluster] = []) {
        records = Mutex(
            Dictionary(
                uniqueKeysWithValues: clusters.map { cluster in
                    let exports = Dictionary(cluster.exports.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
                    let times = cluster.firstExported.filter { exports[$0.key] != nil && $0.value.listedFirstExport != nil }
                    return (cluster.id, Record(info: cluster.info, generation: cluster.generation, exports: exports, firstExported: times))
                }))
    }

    /// Every cluster, ordered by id, with its exports ordered by key.
    public func load() -> [StoredCluster] {
        records.withLock { records in
            records.sorted { $0.key < $1.key }.map { id, record in
                StoredCluster(
                    id: id, info: record.info, generation: record.generation, exports: record.exports.values.sorted { $0.key < $1.key },
                    firstExported: record.firstExported)
            }
        }
    }

    public func save(_ update: StoredClusterUpdate) throws {
        try records.withLock { (records: inout [ClusterID: Record]) throws(EndpointStoreError) in
            let stored = records[update.cluster]?.generation ?? 0
            guard stored == update.previousGeneration else {
                throw .generationConflict(update.cluster, stored: stored, expected: update.previousGeneration)
            }
            var record = records[update.cluster] ?? Record(info: update.info, generation: update.generation, exports: [:], firstExported: [:])
            if update.replaceAll {
                record.exports = [:]
                record.firstExported = [:]
            }
            record.info = update.info
            record.generation = update.generation
            for key in update.removed {
                record.exports[key] = nil
                record.firstExported[key] = nil
            }
            for export in update.upserted {
                record.exports[export.key] = export
                record.firstExported[export.key] = update.firstExported[export.key]?.listedFirstExport
            }
            records[update.cluster] = record
        }
    }

    public func deleteCluster(_ id: ClusterID) {
        records.withLock { $0[id] = nil }
    }

    public func reservedAnswerVersion() -> UInt64 {
        answerVersion.withLock { $0 }
    }

    public func reserveAnswerVersions(through version: UInt64) {
        answerVersion.withLock { $0 = version }
    }
}
