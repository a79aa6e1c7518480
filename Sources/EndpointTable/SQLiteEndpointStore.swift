public import Foundation
import GRDB
public import Logging

/// Stores the table in one SQLite file (WAL mode), so a restart answers at once from the last state.
///
/// Tables: `clusters(id, info, generation)` and `exports(cluster, namespace, name, body,
/// first_exported_ns)`, info and bodies as JSON, `first_exported_ns` the export's first-export
/// time in nanoseconds on the table's export clock (0 for rows stored before it was kept);
/// deleting a cluster cascades to its exports; `counters(name, value)` holds the reserved answer
/// version; `audit(sequence, time, record)` the push API's audit trail, the time in seconds since
/// 1970 and the record as JSON. Each call is one transaction, and a delta writes
/// only the exports it changed. Commits use `synchronous = NORMAL`: durable when the process dies,
/// possibly a few commits short after a power loss, which agents repair by resending a snapshot
/// once their next delta is refused.
///
/// A file that cannot be opened or read, or fails SQLite's quick check, makes the store refuse
/// to open (``EndpointStoreError/unreadableStateFile(path:reason:remedy:)``) rather than start
/// from part of it; a single row that cannot be read is skipped with a warning.
///
/// ```swift
/// let store = try SQLiteEndpointStore(path: "/var/lib/gnsd/endpoints.sqlite")
/// ```
public final class SQLiteEndpointStore: EndpointStore, AuditStore {
    private let database: DatabaseQueue
    private let path: String
    private let logger: Logger

    /// Opens or creates the database at `path`, creating its folder, bringing its schema up to
    /// date and checking its integrity; `logger` gets a warning for each row ``load()`` skips.
    public init(path: String, logger: Logger = Logger(label: "gnsd")) throws {
        self.path = path
        self.logger = logger
        var configuration = Configuration()
        configuration.journalMode = .wal
        // A connection that is still closing (its last checkpoint) holds the file for a moment:
        // wait for it, up to 5 s, instead of failing with "database is locked".
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            database = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
            try Self.checkIntegrity(of: database)
        } catch {
            throw EndpointStoreError.unreadableStateFile(path: path, failure: error)
        }
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
        // Exports stored before first-export times were kept count as the oldest (0): among
        // them the smallest cluster id sets a service's kind, as it did when they were stored.
        migrator.registerMigration("export times") { db in
            try db.alter(table: "exports") { table in
                table.add(column: "first_exported_ns", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("counters") { db in
            try db.create(table: "counters", options: [.withoutRowID]) { table in
                table.primaryKey("name", .text)
                table.column("value", .integer).notNull()
            }
        }
        migrator.registerMigration("audit") { db in
            try db.create(table: "audit") { table in
                table.primaryKey("sequence", .integer)
                table.column("time", .double).notNull()
                table.column("record", .jsonText).notNull()
            }
        }
        return migrator
    }

    /// Throws unless SQLite's quick check finds the file sound.
    private static func checkIntegrity(of database: DatabaseQueue) throws {
        let problems = try database.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
        guard problems == ["ok"] else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: problems.prefix(3).joined(separator: "; "))
        }
    }

    /// Every readable cluster, ordered by id, with its readable exports ordered by key; each row
    /// that cannot be read is skipped with a warning. Throws when the file itself cannot be read.
    public func load() throws -> [StoredCluster] {
        do {
            return try database.read { db in try StoredRows.read(db, logger: logger) }
        } catch {
            throw EndpointStoreError.unreadableStateFile(path: path, failure: error)
        }
    }

    /// Writes the cluster row and the changed export rows in one transaction, after checking that
    /// the stored generation is still `update.previousGeneration`.
    public func save(_ update: StoredClusterUpdate) throws {
        let info = ClusterInfoRecord(update.info).json
        let bodies = update.upserted.map { ExportRecord($0).json }
        let id = update.cluster.name
        try database.write { db in
            // An unreadable stored generation counts as none: load() skipped the cluster, so the
            // table knows nothing of it and a snapshot may replace it; so does one beyond 2^53.
            let storedGeneration = try db.cachedStatement(sql: "SELECT generation FROM clusters WHERE id = ?")
            let stored =
                try DatabaseValue.fetchOne(storedGeneration, arguments: [id])
                .flatMap(Int64.fromDatabaseValue).map(StoredRows.generation) ?? 0
            guard stored == update.previousGeneration else {
                throw EndpointStoreError.generationConflict(update.cluster, stored: stored, expected: update.previousGeneration)
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO clusters (id, info, generation) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET info = excluded.info, generation = excluded.generation
                    """
            ).execute(arguments: [id, info, Int64(bitPattern: update.generation)])
            if update.replaceAll {
                try db.cachedStatement(sql: "DELETE FROM exports WHERE cluster = ?").execute(arguments: [id])
            }
            let remove = try db.cachedStatement(sql: "DELETE FROM exports WHERE cluster = ? AND namespace = ? AND name = ?")
            for key in update.removed {
                try remove.execute(arguments: [id, key.namespace, key.name])
            }
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO exports (cluster, namespace, name, body, first_exported_ns) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (cluster, namespace, name) DO UPDATE SET body = excluded.body, first_exported_ns = excluded.first_exported_ns
                    """)
            for (export, body) in zip(update.upserted, bodies) {
                let firstExported = StoredRows.nanoseconds(update.firstExported[export.key] ?? .zero)
                try upsert.execute(arguments: [id, export.key.namespace, export.key.name, body, firstExported])
            }
        }
    }

    public func deleteCluster(_ id: ClusterID) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM clusters WHERE id = ?", arguments: [id.name])
        }
    }

    public func loadAudit(limit: Int, since: Date) throws -> [StoredAuditRecord] {
        try database.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT sequence, time, record FROM audit WHERE time >= ? ORDER BY sequence DESC LIMIT ?",
                arguments: [since.timeIntervalSince1970, limit])
            return rows.reversed().map { row in
                StoredAuditRecord(
                    sequence: UInt64(bitPattern: row["sequence"]), time: Date(timeIntervalSince1970: row["time"]), json: row["record"])
            }
        }
    }

    public func appendAudit(_ records: [StoredAuditRecord], keep: Int, since: Date) throws {
        try database.write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO audit (sequence, time, record) VALUES (?, ?, ?)")
            for record in records {
                try insert.execute(arguments: [Int64(bitPattern: record.sequence), record.time.timeIntervalSince1970, record.json])
            }
            try db.execute(
                sql: "DELETE FROM audit WHERE time < ? OR sequence <= (SELECT max(sequence) FROM audit) - ?",
                arguments: [since.timeIntervalSince1970, keep])
        }
    }

    public func reservedAnswerVersion() throws -> UInt64 {
        let stored = try database.read { db in
            try Int64.fetchOne(db, sql: "SELECT value FROM counters WHERE name = 'answer_version'")
        }
        return stored.map { UInt64(bitPattern: $0) } ?? 0
    }

    public func reserveAnswerVersions(through version: UInt64) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO counters (name, value) VALUES ('answer_version', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                arguments: [Int64(bitPattern: version)])
        }
    }
}
