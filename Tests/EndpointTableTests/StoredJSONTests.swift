import EndpointTable
import Foundation
import GRDB
import Testing

/// The SQLite store writes its JSON columns itself, member by member: the exact text of each
/// column, and text that needs escaping (quotes, backslashes, slashes, control characters,
/// non-ASCII) read back unchanged.
struct StoredJSONTests {
    static let awkward = "a\"b\\c/d\ne\u{01}\t\u{1F}é"
    static let info = ClusterInfo(region: "us-west", zone: awkward, labels: ["tier": "prod", "cloud": "a\"ws", "z/x": "\r"])
    static let export = ServiceExport(
        key: F.db,
        kind: .clusterSetIP([F.address("172.20.0.10"), F.address("fd00::a")]),
        ports: [ServicePort(name: "sql", port: 5432, portProtocol: .tcp), ServicePort(name: nil, port: 9000, portProtocol: .udp)],
        endpoints: [
            Endpoint(addresses: [F.address("10.0.0.1"), F.address("fd00::1")], hostname: "db-0", ready: true, zone: awkward, weight: 7),
            Endpoint(addresses: [F.address("10.0.0.2")], ready: false),
        ])

    @Test func columnsHoldCompactJSONWithSortedMembersAndReadBackUnchanged() throws {
        let (folder, path) = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteEndpointStore(path: path)
        try store.save(
            StoredClusterUpdate(
                cluster: F.west, info: Self.info, generation: 3, previousGeneration: 0, replaceAll: true, upserted: [Self.export], removed: []))

        let (info, body) = try DatabaseQueue(path: path).read { db in
            (try String.fetchOne(db, sql: "SELECT info FROM clusters"), try String.fetchOne(db, sql: "SELECT body FROM exports"))
        }
        let escaped = #"a\"b\\c\/d\ne\u0001\t\u001fé"#
        #expect(info == #"{"labels":{"cloud":"a\"ws","tier":"prod","z\/x":"\r"},"region":"us-west","zone":""# + escaped + #""}"#)
        #expect(
            body == #"{"endpoints":[{"addresses":["10.0.0.1","fd00::1"],"hostname":"db-0","ready":true,"weight":7,"zone":""#
                + escaped + #""},{"addresses":["10.0.0.2"],"ready":false,"weight":1}],"kind":"clusterSetIP","#
                + #""ports":[{"name":"sql","port":5432,"protocol":"tcp"},{"port":9000,"protocol":"udp"}],"serviceIPs":["172.20.0.10","fd00::a"]}"#)
        #expect(try store.load() == [StoredCluster(id: F.west, info: Self.info, generation: 3, exports: [Self.export])])
    }

    @Test func anEmptyClusterInfoAndAHeadlessExportWithoutEndpoints() throws {
        let (folder, path) = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteEndpointStore(path: path)
        let empty = ServiceExport(key: F.web, kind: .headless, ports: [], endpoints: [])
        try store.save(
            StoredClusterUpdate(
                cluster: F.west, info: ClusterInfo(), generation: 1, previousGeneration: 0, replaceAll: true, upserted: [empty], removed: []))

        let (info, body) = try DatabaseQueue(path: path).read { db in
            (try String.fetchOne(db, sql: "SELECT info FROM clusters"), try String.fetchOne(db, sql: "SELECT body FROM exports"))
        }
        #expect(info == #"{"labels":{}}"#)
        #expect(body == #"{"endpoints":[],"kind":"headless","ports":[],"serviceIPs":[]}"#)
        #expect(try store.load() == [StoredCluster(id: F.west, info: ClusterInfo(), generation: 1, exports: [empty])])
    }

    @Test func anExportsVisibilityIsStoredAfterItsOtherMembers() throws {
        let (folder, path) = F.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteEndpointStore(path: path)
        let restricted = ServiceExport(
            key: F.web, kind: .headless, ports: [], endpoints: [],
            visibility: ExportVisibility(clusters: ["aws-*"], labels: ["tier": "gold", "env": "prod"]))
        try store.save(
            StoredClusterUpdate(
                cluster: F.west, info: ClusterInfo(), generation: 1, previousGeneration: 0, replaceAll: true, upserted: [restricted], removed: []))
        let body = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT body FROM exports") }
        #expect(
            body
                == #"{"endpoints":[],"kind":"headless","ports":[],"serviceIPs":[],"visibility":{"clusters":["aws-*"],"labels":{"env":"prod","tier":"gold"}}}"#
        )
        #expect(try store.load().first?.exports == [restricted])
    }
}
