import Authority
import DNSWire
import EndpointTable
import Foundation
import Testing
import ZoneFile

@testable import ZoneTransfer

/// The journal's differences, plans and full zones over a real table and zone file.
struct TransferJournalTests {
    static let origin = try! DomainName("clusterset.local.")
    static let zoneText = """
        $ORIGIN clusterset.local.
        $TTL 3600
        @     IN SOA ns1 hostmaster 100 3600 600 1209600 30
        @     IN NS  ns1
        ns1   IN A   192.0.2.53

        """
    static let reverseOrigin = try! DomainName("96.10.in-addr.arpa.")
    static let reverseZoneText = """
        $ORIGIN 96.10.in-addr.arpa.
        $TTL 3600
        @     IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 7 3600 600 1209600 30
        @     IN NS  ns1.clusterset.local.
        9.0   IN PTR pinned.example.

        """

    /// A table, the answer source over it, the shipped-like zone and a reverse zone for the
    /// service IPs, and a journal keeping `maxRecords`.
    struct Fixture {
        let table: EndpointTable
        let answerSource: AnswerSource
        let journal: TransferJournal

        init(maxRecords: Int = 1000) throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gnsd-journal-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("clusterset.local.zone")
            try TransferJournalTests.zoneText.write(to: file, atomically: true, encoding: .utf8)
            let reverseFile = directory.appendingPathComponent("96.10.in-addr.arpa.zone")
            try TransferJournalTests.reverseZoneText.write(to: reverseFile, atomically: true, encoding: .utf8)
            let zones = ZoneSetPublisher(
                try ZoneSet(zones: [try ZoneFileLoader.load(file: file.path), try ZoneFileLoader.load(file: reverseFile.path)]))
            let table = try EndpointTable(store: InMemoryEndpointStore(), clock: ManualLeaseClock(), settings: TableSettings())
            self.table = table
            answerSource = AnswerSource(zones: zones, table: { table.snapshot }, settings: DiscoverySettings())
            journal = TransferJournal(answerSource: answerSource, maxRecords: maxRecords)
        }

        /// Pushes `exports` (name → ready addresses of a clusterSetIP service) for cluster `east`.
        func push(generation: UInt64, _ exports: [String: [String]], cluster: String = "east") throws {
            let list = exports.sorted { $0.key < $1.key }.map { entry in
                ServiceExport(
                    key: ServiceKey(namespace: "shop", name: entry.key)!,
                    kind: .clusterSetIP([IPAddress(TransferJournalTests.serviceIPs[entry.key]!)!]),
                    ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)],
                    endpoints: entry.value.map { Endpoint(addresses: [IPAddress($0)!], ready: true) })
            }
            try table.apply(.snapshot(ClusterID(cluster)!, generation: generation, info: ClusterInfo(), exports: list))
        }
    }

    /// Each service's clusterSetIP.
    static let serviceIPs = ["cart": "10.96.0.1", "web": "10.96.0.2", "orders": "10.96.0.3"]

    static func strings(_ records: [ResourceRecord]) -> [String] {
        records.map(\.description)
    }

    @Test func aPushBecomesOneDifferenceWithOnlyTheChangedRecords() throws {
        let fixture = try Fixture()
        try fixture.push(generation: 1, ["cart": ["10.1.0.1"], "web": ["10.1.0.2"]])
        fixture.journal.catchUp()
        try fixture.push(generation: 2, ["cart": ["10.1.0.1"], "web": ["10.1.0.2"], "orders": ["10.1.0.3"]])
        guard case .differences(let differences, let current)? = fixture.journal.plan(for: Self.origin, from: 101) else {
            Issue.record("no differences from serial 101")
            return
        }
        #expect(current.soaSerial == 102)
        #expect(differences.count == 1)
        #expect(differences.first?.from.soaSerial == 101)
        #expect(differences.first?.removed == [])
        #expect(
            Self.strings(differences.first?.added ?? []).sorted() == [
                "_http._tcp.orders.shop.svc.clusterset.local. 5 IN SRV 0 1 80 orders.shop.svc.clusterset.local.",
                "orders.shop.svc.clusterset.local. 5 IN A 10.96.0.3",
                "orders.shop.svc.clusterset.local. 5 IN SRV 0 1 80 orders.shop.svc.clusterset.local.",
            ])
    }

    @Test func aReverseZoneCarriesThePTRRecordsOfTheServedAddresses() throws {
        let fixture = try Fixture()
        try fixture.push(generation: 1, ["cart": ["10.1.0.1"], "web": ["10.1.0.2"]])
        guard case .full(let records)? = fixture.journal.plan(for: Self.reverseOrigin, from: 1) else {
            Issue.record("no full reverse zone")
            return
        }
        #expect(
            Self.strings(records) == [
                "96.10.in-addr.arpa. 3600 IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 8 3600 600 1209600 30",
                "9.0.96.10.in-addr.arpa. 3600 IN PTR pinned.example.", "96.10.in-addr.arpa. 3600 IN NS ns1.clusterset.local.",
                "1.0.96.10.in-addr.arpa. 5 IN PTR cart.shop.svc.clusterset.local.", "2.0.96.10.in-addr.arpa. 5 IN PTR web.shop.svc.clusterset.local.",
                "96.10.in-addr.arpa. 3600 IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 8 3600 600 1209600 30",
            ])
        fixture.journal.catchUp()
        try fixture.push(generation: 2, ["cart": ["10.1.0.1"], "orders": ["10.1.0.3"]])
        guard case .differences(let differences, _)? = fixture.journal.plan(for: Self.reverseOrigin, from: 8) else {
            Issue.record("no reverse differences from serial 8")
            return
        }
        #expect(Self.strings(differences.flatMap(\.removed)) == ["2.0.96.10.in-addr.arpa. 5 IN PTR web.shop.svc.clusterset.local."])
        #expect(Self.strings(differences.flatMap(\.added)) == ["3.0.96.10.in-addr.arpa. 5 IN PTR orders.shop.svc.clusterset.local."])
    }

    @Test func aSecondaryAtTheCurrentSerialOrAheadGetsTheSOAAlone() throws {
        let fixture = try Fixture()
        try fixture.push(generation: 1, ["cart": ["10.1.0.1"]])
        guard case .upToDate(let soa)? = fixture.journal.plan(for: Self.origin, from: 101) else {
            Issue.record("not up to date")
            return
        }
        #expect(soa.soaSerial == 101)
        guard case .upToDate? = fixture.journal.plan(for: Self.origin, from: 5000) else {
            Issue.record("a newer serial is not up to date")
            return
        }
        #expect(fixture.journal.plan(for: try DomainName("other.test."), from: 1) == nil)
    }

    @Test func aSecondaryOlderThanTheJournalGetsTheWholeZone() throws {
        let fixture = try Fixture(maxRecords: 4)
        try fixture.push(generation: 1, ["cart": ["10.1.0.1"]])
        fixture.journal.catchUp()
        try fixture.push(generation: 2, ["cart": ["10.1.0.1"], "web": ["10.1.0.2"]])
        fixture.journal.catchUp()
        guard case .full(let records)? = fixture.journal.plan(for: Self.origin, from: 100) else {
            Issue.record("no full zone for a serial the journal dropped")
            return
        }
        #expect(records.first?.soaSerial == 102)
        #expect(records.last?.soaSerial == 102)
        #expect(
            Set(Self.strings(records)).isSuperset(of: [
                "web.shop.svc.clusterset.local. 5 IN A 10.96.0.2", "ns1.clusterset.local. 3600 IN A 192.0.2.53",
            ]))
    }

    @Test func aHeartbeatMovesNeitherTheSerialNorTheJournal() throws {
        let fixture = try Fixture()
        try fixture.push(generation: 1, ["cart": ["10.1.0.1"]])
        #expect(Set(fixture.journal.takeChangedZones()) == [Self.origin, Self.reverseOrigin])
        try fixture.table.apply(.heartbeat(ClusterID("east")!))
        #expect(fixture.journal.takeChangedZones() == [])
        #expect(fixture.journal.soa(of: Self.origin)?.soaSerial == 101)
    }

    @Test func aClusterLeavingWithdrawsItsRecords() throws {
        let fixture = try Fixture()
        try fixture.push(generation: 1, ["cart": ["10.1.0.1"]])
        fixture.journal.catchUp()
        try fixture.table.apply(.deleteCluster(ClusterID("east")!))
        guard case .differences(let differences, _)? = fixture.journal.plan(for: Self.origin, from: 101) else {
            Issue.record("no differences")
            return
        }
        #expect(
            Self.strings(differences.flatMap(\.removed)).sorted() == [
                "_http._tcp.cart.shop.svc.clusterset.local. 5 IN SRV 0 1 80 cart.shop.svc.clusterset.local.",
                "cart.shop.svc.clusterset.local. 5 IN A 10.96.0.1",
                "cart.shop.svc.clusterset.local. 5 IN SRV 0 1 80 cart.shop.svc.clusterset.local.",
            ])
        #expect(differences.flatMap(\.added).isEmpty)
    }
}
