import EndpointTable
import Foundation
import GRDB
import TestKit
import Testing

/// A state file that cannot be read stops the store from opening with one message naming the
/// file and what to do; a single row that cannot be read is skipped with a warning naming its
/// cluster or service. The damaged files are made here, byte by byte, from a sound one.
@Suite(.serialized)
struct StateFileTests {
    static let web = F.headless(F.web, [("10.0.0.1", ready: true)])
    static let api = F.clusterSetIP(F.api, serviceIP: "172.20.0.10", [("10.0.1.1", ready: true)])
    static let db = F.headless(F.db, [("10.0.2.1", ready: true)])

    static func moveAside(_ path: String) -> String {
        "move it aside with its -wal and -shm files (for example to \(path).unreadable) to start with an empty table "
            + "that the agents push again, or put back a copy that can be read"
    }

    /// Runs `body` with the path of a state file in a fresh folder, removed afterwards.
    static func withStatePath(_ body: (String) throws -> Void) throws {
        let database = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: database.folder) }
        try FileManager.default.createDirectory(atPath: (database.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try body(database.path)
    }

    /// Writes a sound state file at `path` with three clusters, closed (its log checkpointed) on return.
    static func writeSoundState(at path: String) throws {
        let table = try EndpointTable(store: SQLiteEndpointStore(path: path), clock: ManualLeaseClock(), settings: TableSettings())
        try table.apply(.snapshot(F.west, generation: 3, info: ClusterInfo(region: "us-west"), exports: [Self.web, Self.api]))
        try table.apply(.snapshot(F.east, generation: 5, info: ClusterInfo(region: "us-east"), exports: [Self.db]))
        try table.apply(.snapshot(F.north, generation: 7, info: ClusterInfo(), exports: [Self.web]))
    }

    /// Replaces every occurrence of `text` in the file at `path` by `replacement`, of the same length.
    /// - Returns: how many occurrences there were.
    @discardableResult
    static func patch(_ path: String, _ text: String, with replacement: String) throws -> Int {
        let (old, new) = (Array(text.utf8), Array(replacement.utf8))
        precondition(old.count == new.count)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var count = 0
        var index = 0
        while index + old.count <= bytes.count {
            if bytes[index..<(index + old.count)].elementsEqual(old) {
                bytes.replaceSubrange(index..<(index + old.count), with: new)
                count += 1
                index += old.count
            } else {
                index += 1
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return count
    }

    /// The refusal opening a store at `path` ends with, or `nil` when it opens.
    static func refusal(_ path: String) -> EndpointStoreError? {
        do {
            _ = try SQLiteEndpointStore(path: path).load()
            return nil
        } catch {
            return error as? EndpointStoreError
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedWithWhatToDo() throws {
        try Self.withStatePath { path in
            try Data(String(repeating: "these are not the bytes of a database\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
            let refusal = Self.refusal(path)
            #expect(refusal == .unreadableStateFile(path: path, reason: "file is not a database", remedy: Self.moveAside(path)))
            #expect(refusal?.description == "state file \(path) cannot be read (file is not a database): \(Self.moveAside(path))")
        }
    }

    @Test func aDamagedHeaderIsRefused() throws {
        try Self.withStatePath { path in
            try Self.writeSoundState(at: path)
            #expect(try Self.patch(path, "SQLite format 3", with: "SQLite format 9") == 1)
            #expect(Self.refusal(path) == .unreadableStateFile(path: path, reason: "file is not a database", remedy: Self.moveAside(path)))
        }
    }

    /// Garbage over the pages after the first, or a file cut short: SQLite's quick check or the
    /// read finds it, and nothing of the file is used.
    @Test(arguments: ["garbage pages", "cut short"])
    func aCorruptFileIsRefused(_ damage: String) throws {
        try Self.withStatePath { path in
            try Self.writeSoundState(at: path)
            let url = URL(fileURLWithPath: path)
            var bytes = Array(try Data(contentsOf: url))
            let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
            try #require(bytes.count >= 3 * pageSize)
            if damage == "garbage pages" {
                for index in pageSize..<bytes.count {
                    bytes[index] = UInt8(truncatingIfNeeded: index &* 0x9E37_79B9 >> 7)
                }
            } else {
                bytes.removeLast(bytes.count - pageSize - pageSize / 2)
            }
            try Data(bytes).write(to: url)

            let refusal = try #require(Self.refusal(path))
            guard case .unreadableStateFile(let refusedPath, _, let remedy) = refusal else {
                Issue.record("refused with \(refusal)")
                return
            }
            #expect(refusedPath == path)
            #expect(remedy == Self.moveAside(path))
        }
    }

    @Test func aFolderInPlaceOfTheFileIsRefusedWithWhatToDo() throws {
        try Self.withStatePath { path in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let refusal = try #require(Self.refusal(path))
            #expect(refusal.description.hasPrefix("state file \(path) cannot be read ("))
            #expect(
                refusal.description.hasSuffix(
                    "make it and its folder readable and writable by the user gnsd runs as; if it is not a file, \(Self.moveAside(path))"))
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads any file"))
    func aFileGnsdMayNotReadIsRefusedWithWhatToDo() throws {
        try Self.withStatePath { path in
            try Self.writeSoundState(at: path)
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
            let refusal = try #require(Self.refusal(path))
            #expect(refusal.description.hasPrefix("state file \(path) cannot be read ("))
            #expect(refusal.description.contains("make it and its folder readable and writable by the user gnsd runs as"))
        }
    }

    /// An invalid address, JSON that does not parse, an invalid cluster id: each costs only its
    /// own row (and the exports of a cluster row that is skipped), with a warning naming it.
    @Test func anUnreadableRowIsSkippedWithAWarning() throws {
        try Self.withStatePath { path in
            try Self.writeSoundState(at: path)
            #expect(try Self.patch(path, #""addresses":["10.0.0.1"]"#, with: #""addresses":["10.0.0.x"]"#) == 2)
            #expect(try Self.patch(path, #""region":"us-east"}"#, with: #""region":"us-east"]"#) == 1)
            #expect(try Self.patch(path, "azure-north", with: "azure_north") == 2)
            let log = LogRecorder()

            let stored = try SQLiteEndpointStore(path: path, logger: log.logger()).load()

            #expect(
                stored == [
                    StoredCluster(id: F.west, info: ClusterInfo(region: "us-west"), generation: 3, exports: [Self.api]),
                    StoredCluster(id: F.east, info: ClusterInfo(), generation: 5, exports: [Self.db]),
                ])
            #expect(
                log.lines == [
                    "warning: cluster row skipped: invalid cluster id {cluster=azure_north}",
                    "warning: cluster region, zone and labels unreadable: kept empty until its agent's next snapshot {cluster=gcp-east}",
                    "warning: export row skipped: invalid stored record: export default/web: invalid address 10.0.0.x {cluster=aws-west, service=default/web}",
                    "warning: export rows skipped: their cluster row was skipped or is missing {cluster=azure_north, exports=1}",
                ])
        }
    }

    /// What a bad row leaves behind does not stop the store: the cluster's agent pushes again.
    @Test func aTableOverSkippedRowsTakesTheNextPushes() throws {
        try Self.withStatePath { path in
            try Self.writeSoundState(at: path)
            try Self.patch(path, #"{"endpoints":[{"addresses":["10.0.2.1"]"#, with: #"["endpoints":[{"addresses":["10.0.2.1"]"#)
            let table = try EndpointTable(
                store: SQLiteEndpointStore(path: path, logger: LogRecorder().logger()), clock: ManualLeaseClock(), settings: TableSettings())
            #expect(table.snapshot.exports(of: F.east).isEmpty)

            try table.apply(.delta(F.east, baseGeneration: 5, generation: 6, operations: [.upsert(Self.db)]))
            try table.apply(.snapshot(F.west, generation: 4, info: ClusterInfo(), exports: [Self.web]))

            #expect(
                try SQLiteEndpointStore(path: path).load().map { "\($0.id) \($0.generation) \($0.exports.map(\.key))" } == [
                    "aws-west 4 [default/web]", "azure-north 7 [default/web]", "gcp-east 6 [data/db]",
                ])
        }
    }

    /// A state file from before export times were kept opens as it was; its exports count as
    /// the oldest, so the smaller cluster id sets a conflicting service's kind, as it did then.
    @Test func aStateFileWithoutExportTimesIsMigrated() throws {
        try Self.withStatePath { path in
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                        INSERT INTO grdb_migrations VALUES ('clusters and exports');
                        CREATE TABLE clusters (id TEXT PRIMARY KEY NOT NULL, info TEXT NOT NULL, generation INTEGER NOT NULL) WITHOUT ROWID;
                        CREATE TABLE exports (
                            cluster TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE, namespace TEXT NOT NULL, name TEXT NOT NULL,
                            body TEXT NOT NULL, PRIMARY KEY (cluster, namespace, name)) WITHOUT ROWID;
                        INSERT INTO clusters VALUES ('aws-west', '{"labels":{}}', 2), ('gcp-east', '{"labels":{},"region":"eu"}', 4);
                        INSERT INTO exports VALUES
                            ('aws-west', 'default', 'web', '{"endpoints":[{"addresses":["10.0.0.1"],"ready":true,"weight":1}],"kind":"headless","ports":[],"serviceIPs":[]}'),
                            ('gcp-east', 'default', 'web', '{"endpoints":[],"kind":"clusterSetIP","ports":[],"serviceIPs":["172.20.0.9"]}');
                        """)
            }
            try queue.close()

            let clock = ManualLeaseClock(now: .seconds(50))
            let table = try EndpointTable(store: SQLiteEndpointStore(path: path), clock: clock, settings: TableSettings())
            #expect(table.snapshot.services[F.web]?.firstExported == [:])
            #expect(table.snapshot.kindConflicts().map { "\($0.cluster) behind \($0.decision.cluster)" } == ["gcp-east behind aws-west"])

            try table.apply(.snapshot(F.north, generation: 1, info: ClusterInfo(), exports: [Self.web]))
            #expect(table.snapshot.services[F.web]?.firstExported == [F.north: .seconds(50)])
        }
    }
}
