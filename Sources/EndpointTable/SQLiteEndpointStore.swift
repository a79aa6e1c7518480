import Foundation
import GRDB

/// Stores the table in one SQLite file (WAL mode), so a restart answers at once from the last state.
///
/// Tables: `clusters(id, info, generation)` and `exports(cluster, namespace, name, body)`, info and
/// bodies as JSON; deleting a cluster cascades to its exports. Each call is one transaction, and a
/// delta writes only the exports it changed. Commits use `synchronous = NORMAL`: durable when the
/// process dies, possibly a few commits short after a power loss, which agents repair by resending
/// a snapshot once their next delta is refused.
///
/// ```swift
/// let store = try SQLiteEndpointStore(path: "/var/lib/gnsd/endpoints.sqlite")
/// ```
public final class SQLiteEndpointStore: EndpointStore {
    private let database: DatabaseQueue

    /// Opens or creates the database at `path`, creating its folder and bringing its schema up to date.
    public init(path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.journalMode = .wal
        // A connection that is still closing (its last checkpoint) holds the file for a moment:
        // wait for it, up to 5 s, instead of failing with "database is locked".
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(database)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("clusters and exports") { db in
            try db.create(table: "clusters", options: [.withoutRowID]) { table in
                table.primaryKey("id", .text)
                table.column("info", .jsonText).notNull()
                table.column("generation", .integer).notNull()
            }
            try db.create(table: "exports", options: [.withoutRowID]) { table in
                table.column("cluster", .text).notNull().references("clusters", onDelete: .cascade)
                table.column("namespace", .text).notNull()
                table.column("name", .text).notNull()
                table.column("body", .jsonText).notNull()
                table.primaryKey(["cluster", "namespace", "name"])
            }
        }
        return migrator
    }

    /// Every cluster, ordered by id, with its exports ordered by key.
    public func load() throws -> [StoredCluster] {
        try database.read { db in
            var clusters: [StoredCluster] = []
            var positions: [ClusterID: Int] = [:]
            let decoder = JSONDecoder()
            for row in try Row.fetchAll(db, sql: "SELECT id, info, generation FROM clusters ORDER BY id") {
                let name: String = row["id"]
                guard let id = ClusterID(name) else { throw EndpointStoreError.invalidRecord("cluster id \(name)") }
                let info = try decoder.decode(ClusterInfoRecord.self, from: Data((row["info"] as String).utf8)).info
                positions[id] = clusters.count
                clusters.append(StoredCluster(id: id, info: info, generation: UInt64(bitPattern: row["generation"]), exports: []))
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT cluster, namespace, name, body FROM exports ORDER BY cluster, namespace, name")
            while let row = try rows.next() {
                let (cluster, namespace, name): (String, String, String) = (row["cluster"], row["namespace"], row["name"])
                guard let position = ClusterID(cluster).flatMap({ positions[$0] }), let key = ServiceKey(namespace: namespace, name: name) else {
                    throw EndpointStoreError.invalidRecord("export \(cluster) \(namespace)/\(name)")
                }
                let record = try decoder.decode(ExportRecord.self, from: Data((row["body"] as String).utf8))
                clusters[position].exports.append(try record.export(key: key))
            }
            return clusters
        }
    }

    /// Writes the cluster row and the changed export rows in one transaction, after checking that
    /// the stored generation is still `update.previousGeneration`.
    public func save(_ update: StoredClusterUpdate) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let info = String(decoding: try encoder.encode(ClusterInfoRecord(update.info)), as: UTF8.self)
        let bodies = try update.upserted.map { String(decoding: try encoder.encode(ExportRecord($0)), as: UTF8.self) }
        let id = update.cluster.name
        try database.write { db in
            let stored = try Int64.fetchOne(db, sql: "SELECT generation FROM clusters WHERE id = ?", arguments: [id]).map(UInt64.init(bitPattern:)) ?? 0
            guard stored == update.previousGeneration else {
                throw EndpointStoreError.generationConflict(update.cluster, stored: stored, expected: update.previousGeneration)
            }
            try db.execute(
                sql: """
                    INSERT INTO clusters (id, info, generation) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET info = excluded.info, generation = excluded.generation
                    """,
                arguments: [id, info, Int64(bitPattern: update.generation)]
            )
            if update.replaceAll {
                try db.execute(sql: "DELETE FROM exports WHERE cluster = ?", arguments: [id])
            }
            let remove = try db.cachedStatement(sql: "DELETE FROM exports WHERE cluster = ? AND namespace = ? AND name = ?")
            for key in update.removed {
                try remove.execute(arguments: [id, key.namespace, key.name])
            }
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO exports (cluster, namespace, name, body) VALUES (?, ?, ?, ?)
                ON CONFLICT (cluster, namespace, name) DO UPDATE SET body = excluded.body
                """)
            for (export, body) in zip(update.upserted, bodies) {
                try upsert.execute(arguments: [id, export.key.namespace, export.key.name, body])
            }
        }
    }

    public func deleteCluster(_ id: ClusterID) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM clusters WHERE id = ?", arguments: [id.name])
        }
    }
}
