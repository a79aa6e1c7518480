import Foundation
import GRDB
import Logging

/// Reads the SQLite store's rows back into clusters, one row at a time: a row that cannot be
/// read (an invalid cluster id or service name, JSON that does not decode, an invalid address)
/// is skipped with a warning naming its cluster or service, and the rest is kept.
enum StoredRows {
    /// The generation a stored value stands for: itself, or none (0) when it lies beyond what a
    /// push may carry (a state file written before generations were bounded), so the cluster's
    /// next snapshot can replace it instead of meeting 409 for ever.
    static func generation(_ stored: Int64) -> UInt64 {
        let generation = UInt64(bitPattern: stored)
        return GenerationRange.contains(generation) ? generation : 0
    }

    /// Every readable cluster, ordered by id, with its readable exports ordered by key.
    static func read(_ db: Database, logger: Logger) throws -> [StoredCluster] {
        var clusters: [StoredCluster] = []
        var positions: [String: Int] = [:]
        var skippedExports: [String: Int] = [:]
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(db, sql: "SELECT id, info, generation FROM clusters ORDER BY id") {
            let name = text(row["id"]) ?? "\(row["id"] as DatabaseValue)"
            guard let id = ClusterID(name) else {
                logger.warning("cluster row skipped: invalid cluster id", metadata: ["cluster": "\(name)"])
                continue
            }
            guard let stored = Int64.fromDatabaseValue(row["generation"]) else {
                logger.warning("cluster row skipped: unreadable generation; the cluster's agent pushes it again", metadata: ["cluster": "\(name)"])
                continue
            }
            let generation = Self.generation(stored)
            if generation != UInt64(bitPattern: stored) {
                logger.warning(
                    "stored generation beyond 2^53 counts as none: the cluster's next snapshot replaces it",
                    metadata: ["cluster": "\(name)", "generation": "\(UInt64(bitPattern: stored))"])
            }
            var info = ClusterInfo()
            if let json = text(row["info"]), let record = try? decoder.decode(ClusterInfoRecord.self, from: Data(json.utf8)) {
                info = record.info
            } else {
                logger.warning(
                    "cluster region, zone and labels unreadable: kept empty until its agent's next snapshot", metadata: ["cluster": "\(name)"])
            }
            positions[name] = clusters.count
            clusters.append(StoredCluster(id: id, info: info, generation: generation, exports: []))
        }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT cluster, namespace, name, body, first_exported_ns FROM exports ORDER BY cluster, namespace, name")
        while let row = try rows.next() {
            let cluster = text(row["cluster"]) ?? ""
            guard let position = positions[cluster] else {
                skippedExports[cluster, default: 0] += 1
                continue
            }
            let service = "\(text(row["namespace"]) ?? "?")/\(text(row["name"]) ?? "?")"
            do throws(EndpointStoreError) {
                let (export, firstExported) = try self.export(row, decoder: decoder)
                clusters[position].exports.append(export)
                clusters[position].firstExported[export.key] = firstExported.listedFirstExport
            } catch {
                logger.warning("export row skipped: \(error)", metadata: ["cluster": "\(cluster)", "service": "\(service)"])
            }
        }
        for (cluster, count) in skippedExports.sorted(by: { $0.key < $1.key }) {
            logger.warning(
                "export rows skipped: their cluster row was skipped or is missing", metadata: ["cluster": "\(cluster)", "exports": "\(count)"])
        }
        return clusters
    }

    /// The export an `exports` row holds, and when it was first exported.
    private static func export(_ row: Row, decoder: JSONDecoder) throws(EndpointStoreError) -> (ServiceExport, Duration) {
        guard let key = ServiceKey(namespace: text(row["namespace"]) ?? "", name: text(row["name"]) ?? "") else {
            throw .invalidRecord("invalid namespace or name")
        }
        guard let json = text(row["body"]) else { throw .invalidRecord("export \(key): body is not text") }
        let record: ExportRecord
        do {
            record = try decoder.decode(ExportRecord.self, from: Data(json.utf8))
        } catch {
            throw .invalidRecord("export \(key): body is not an export's JSON")
        }
        let firstExported = Int64.fromDatabaseValue(row["first_exported_ns"]) ?? 0
        return (try record.export(key: key), .nanoseconds(max(firstExported, 0)))
    }

    /// `duration` in whole nanoseconds, as the `first_exported_ns` column holds it.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? (seconds < 0 ? .min : .max) : whole &+ attoseconds / 1_000_000_000
    }

    /// The text a column holds, or `nil` when it holds something else.
    private static func text(_ value: DatabaseValue) -> String? {
        String.fromDatabaseValue(value)
    }
}
