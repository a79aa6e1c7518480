import DNSWire
import EndpointTable
import NIOCore
import SeededRandom
import Synchronization
import Testing

@testable import Authority

/// The UDP answerer copies responses it encoded before; whatever the query, its bytes must be
/// exactly those of the responder's full decode-and-encode path with the same rotation step.
struct DatagramAnswererTests {
    /// The table the answer source under test reads, swapped by the tests.
    final class TableBox: Sendable {
        let current = Mutex(DiscoveryFixture.snapshot())
        func set(_ snapshot: TableSnapshot) { current.withLock { $0 = snapshot } }
        func get() -> TableSnapshot { current.withLock { $0 } }
    }

    static let names = [
        "www.example.test", "WWW.Example.TEST", "example.test", "nope.example.test", "example.org", "www.acme.local",
        "web.default.svc.clusterset.local", "db.default.svc.clusterset.local", "_http._tcp.web.default.svc.clusterset.local",
        "_pg._tcp.db.default.svc.clusterset.local", "db-0.us-east-1.db.default.svc.clusterset.local", "web.acme.local",
        "catalog.acme.local", "missing.default.svc.clusterset.local", "dns-version.clusterset.local", "clusterset.local",
        "r0f3a9.acme.local", "x.y.example.test", "x.ns1.clusterset.local", "x.hostmaster.clusterset.local", "a.b.ns1.clusterset.local",
        "legacy.default.svc.clusterset.local", "idle.default.svc.clusterset.local", "gone.default.svc.clusterset.local",
    ]
    static let types: [UInt16] = [1, 28, 33, 16, 6, 2, 255, 15, 41, 252]
    static let clients: [[UInt8]] = [
        [192, 0, 2, 200], [10, 1, 5, 5], [10, 2, 5, 5], [10, 9, 0, 1], IPv6Address("fd00:e1::5")!.octets, IPv6Address("::1")!.octets,
    ]

    let table = TableBox()

    /// With `extendedErrorText`, stale answers also live at most 2 seconds, so both paths cap TTLs.
    func responder(policy: AnswerPolicy, nsid: [UInt8]?, maxUDPPayload: Int = 1232, extendedErrorText: Bool = false) -> QueryResponder {
        let table = self.table
        let settings = DiscoveryFixture.settings(
            policy: policy, staleAnswerTTL: extendedErrorText ? 2 : 30, extendedErrorText: extendedErrorText)
        let answerSource = AnswerSource(zones: ZoneSetPublisher(DiscoveryFixture.zoneSet), table: { table.get() }, settings: settings, seed: 42)
        return QueryResponder(
            answerSource: answerSource, settings: ResponderSettings(maxUDPPayload: maxUDPPayload, nsid: nsid, cookieSecret: Array(0..<16)),
            now: { 1_700_000_000 })
    }

    /// A random query: name case, type, class, RD/CD, and an OPT record with or without size,
    /// DO, cookie, NSID, Client Subnet, another version, padding, or a malformed cookie.
    /// With `randomLabels`, half the names get a random first label, as in a random-subdomain flood.
    static func randomQuery(_ random: inout SplitMix64, randomLabels: Bool = false) -> [UInt8] {
        let picked = random.pick(names)
        let full = randomLabels && random.chance(50) ? "r\(random.number(0...999_999)).\(picked)" : picked
        let name = String(full.map { random.chance(30) ? Character($0.uppercased()) : $0 })
        let type = random.chance(90) ? random.pick(types) : UInt16(random.number(0...300))
        let qclass: UInt16 = random.chance(95) ? 1 : random.pick([3, 255])
        let flags: UInt16 = random.pick([0x0000, 0x0100, 0x0010, 0x0110])
        var opt: [UInt8]?
        if random.chance(70) {
            var options: [UInt8] = []
            if random.chance(50) { options += [0, 10, 0, 8] + (0..<8).map { _ in UInt8(random.number(0...255)) } }
            if random.chance(10) { options += [0, 10, 0, 24] + Array(repeating: 7, count: 24) }
            if random.chance(5) { options += [0, 10, 0, 5, 1, 2, 3, 4, 5] }
            if random.chance(30) { options += [0, 3, 0, 0] }
            if random.chance(10) { options += [0, 8, 0, 7, 0, 1, 24, 0, 10, 3, 0] }
            if random.chance(10) { options += [0, 12, 0, 2, 0, 0] }
            let size = UInt16(random.pick([0, 512, 600, 1232, 1400, 4096, 65535]))
            let version: UInt8 = random.chance(5) ? 1 : 0
            opt =
                [
                    0, 0, 41, UInt8(size >> 8), UInt8(size & 0xFF), 0, version, random.chance(50) ? 0x80 : 0, 0,
                    UInt8(options.count >> 8), UInt8(options.count & 0xFF),
                ] + options
        }
        return QueryResponderTests.query(name, type: type, qclass: qclass, flags: flags, opt: opt)
    }

    /// The answerer's bytes for `query`, and the full path's with the rotation step it drew.
    func bothAnswers(_ query: [UInt8], client: [UInt8], answerer: DatagramAnswerer, responder: QueryResponder) -> (fast: [UInt8]?, full: [UInt8]?) {
        let rotation = responder.answerSource.currentRotation
        let fast: [UInt8]? = query.withUnsafeBytes { queryBytes in
            client.withUnsafeBytes { address in
                var out = [UInt8](repeating: 0, count: 65535)
                let length = out.withUnsafeMutableBytes { answerer.respond(to: queryBytes, clientAddress: address, into: $0) }
                return length.map { Array(out.prefix($0)) }
            }
        }
        let full = responder.response(to: ByteBuffer(bytes: query), from: client, overTCP: false, rotation: .fixed(rotation)).map { message, limit in
            var buffer = ByteBuffer()
            message.encode(into: &buffer, sizeLimit: limit)
            return Array(buffer.readableBytesView)
        }
        return (fast, full)
    }

    /// Seeds 5 and 6 give the answerer its smallest cache and half the names a random first
    /// label: the cache fills, and questions asked once are answered without a copy kept, encoded
    /// per query or from a negative-answer template.
    @Test(arguments: [(AnswerPolicy.localFirst, UInt64(1)), (.roundRobin, 2), (.weighted, 3), (.localFirst, 4), (.localFirst, 5), (.roundRobin, 6)])
    func answersMatchTheFullPath(policy: AnswerPolicy, seed: UInt64) async {
        var random = SplitMix64(seed: seed)
        let responder = responder(policy: policy, nsid: seed == 4 ? nil : Array("gnsd-test".utf8), extendedErrorText: seed % 2 == 0)
        let answerer = responder.makeDatagramAnswerer(cacheBudget: seed >= 5 ? 2048 : DatagramAnswerer.defaultCacheBudget)
        for step in 0..<(seed >= 5 ? 6000 : 3000) {
            // Seconds of work: yield now and then, so the tests running beside get the pool's threads too.
            if step % 25 == 0 { await Task.yield() }
            if step % 500 == 499 {
                table.set(DiscoveryFixture.snapshot(version: UInt64(step), stale: random.chance(50) ? [] : ["eu-west-2", "us-east-2"]))
            } else if step % 50 == 49 {
                table.set(Self.editingOneService(of: table.get(), random: &random))
            }
            let query = Self.randomQuery(&random, randomLabels: seed >= 5)
            let client = random.pick(Self.clients)
            let (fast, full) = bothAnswers(query, client: client, answerer: answerer, responder: responder)
            #expect(fast == full, "query \(query) from \(client)")
            if fast != full { return }
        }
    }

    /// Once the cache is full, names asked once get no copy: their answers, negative ones from
    /// the zone's template among them, still equal the full path's, for every zone, name case
    /// and EDNS form, before and after a table change moves the dynamic zones' SOA serial.
    @Test func namesAskedOnceAfterTheCacheFilledMatchTheFullPath() async {
        var random = SplitMix64(seed: 7)
        table.set(DiscoveryFixture.snapshot(version: 1, stale: []))
        let responder = responder(policy: .localFirst, nsid: Array("gnsd-test".utf8))
        let answerer = responder.makeDatagramAnswerer(cacheBudget: 0)
        for round in 0..<2 {
            for index in 0..<2000 {
                if index % 25 == 0 { await Task.yield() }
                let query = QueryResponderTests.query("fill\(round)-\(index).example.test", type: 1, qclass: 1, flags: 0, opt: nil)
                _ = bothAnswers(query, client: Self.clients[0], answerer: answerer, responder: responder)
            }
            for step in 0..<1500 {
                if step % 25 == 0 { await Task.yield() }
                let query = Self.randomQuery(&random, randomLabels: true)
                let client = random.pick(Self.clients)
                let (fast, full) = bothAnswers(query, client: client, answerer: answerer, responder: responder)
                #expect(fast == full, "round \(round) step \(step): query \(query) from \(client)")
                if fast != full { return }
            }
            table.set(DiscoveryFixture.snapshot(version: 2, stale: ["eu-west-2"]))
        }
    }

    /// The counts the metrics read: a name asked three times is encoded twice (a negative answer is
    /// kept from its second ask) and copied once; filling the cache evicts, and the bytes stay
    /// within the budget.
    @Test func statisticsCountHitsMissesEvictionsAndBytes() {
        table.set(DiscoveryFixture.snapshot(version: 1, stale: []))
        let responder = responder(policy: .localFirst, nsid: nil)
        let answerer = responder.makeDatagramAnswerer(cacheBudget: 0)
        let repeated = QueryResponderTests.query("again.example.test", type: 1, qclass: 1, flags: 0, opt: nil)
        for _ in 0..<3 {
            _ = bothAnswers(repeated, client: Self.clients[0], answerer: answerer, responder: responder)
        }
        var totals = responder.answerCopyStatistics.totals
        #expect(totals.hits == 1)
        #expect(totals.misses == 2)
        #expect(totals.evictions == 0)
        #expect(totals.bytes > 0)
        for index in 0..<3000 {
            let query = QueryResponderTests.query("fill-\(index).example.test", type: 1, qclass: 1, flags: 0, opt: nil)
            _ = bothAnswers(query, client: Self.clients[0], answerer: answerer, responder: responder)
            _ = bothAnswers(query, client: Self.clients[0], answerer: answerer, responder: responder)
        }
        totals = responder.answerCopyStatistics.totals
        #expect(totals.evictions > 0)
        #expect(totals.bytes <= 2 * AnswerCache.minimumGenerationBytes)
        #expect(totals.hits + totals.misses == 6003)
    }

    /// The next version of `snapshot` with one cluster's export of one service changed: its first
    /// endpoint's readiness flipped, or the export withdrawn. Leases and regions stay as they are.
    static func editingOneService(of snapshot: TableSnapshot, random: inout SplitMix64) -> TableSnapshot {
        var services = snapshot.services
        let key = random.pick(Array(services.keys))
        var entry = services[key]!
        let cluster = random.pick(Array(entry.exports.keys))
        if random.chance(70), var export = entry.exports[cluster], !export.endpoints.isEmpty {
            export.endpoints[0].ready.toggle()
            entry.exports[cluster] = export
        } else {
            entry.exports[cluster] = nil
        }
        services[key] = entry.exports.isEmpty ? nil : entry
        return TableSnapshot(version: snapshot.version + 1, clusters: snapshot.clusters, services: services)
    }

    /// The answers of `web` stay as they were, those of `db` change, and web's NODATA (which
    /// carries the zone's SOA) differs only in the serial, which follows the table version.
    @Test func anEditToOneServiceLeavesOthersCachedAndChangesItsOwn() throws {
        let responder = responder(policy: .localFirst, nsid: nil)
        let answerer = responder.makeDatagramAnswerer()
        let web = QueryResponderTests.query("web.default.svc.clusterset.local")
        let db = QueryResponderTests.query("db.default.svc.clusterset.local")
        let webText = QueryResponderTests.query("web.default.svc.clusterset.local", type: 16)
        let before = [web, db, webText].map { bothAnswers($0, client: [10, 1, 5, 5], answerer: answerer, responder: responder) }
        var services = table.get().services
        let dbKey = ServiceKey(namespace: "default", name: "db")!
        services[dbKey]?.exports[DiscoveryFixture.cluster("eu-west-1")] = nil
        let version = table.get().version + 1
        table.set(TableSnapshot(version: version, clusters: table.get().clusters, services: services))
        #expect(table.get().changedServiceNames(since: DiscoveryFixture.snapshot()) == ["db"])
        let after = [web, db, webText].map { bothAnswers($0, client: [10, 1, 5, 5], answerer: answerer, responder: responder) }
        for answers in before + after {
            #expect(answers.fast == answers.full)
        }
        #expect(after[0].fast == before[0].fast)
        #expect(after[1].fast != before[1].fast)
        let noData = try #require(after[2].fast)
        var received = ByteBuffer(bytes: noData)
        var reencoded = ByteBuffer()
        let serialOffset = try #require(try received.readMessage().encode(into: &reencoded).soaSerialOffsets.first)
        #expect(Array(reencoded.readableBytesView) == noData)
        var expected = try #require(before[2].fast)
        expected.replaceSubrange(serialOffset..<(serialOffset + 4), with: withUnsafeBytes(of: UInt32(2026010100 + version).bigEndian, Array.init))
        #expect(noData == expected)
    }

    @Test func repeatedQueriesRotateLikeTheFullPath() {
        let responder = responder(policy: .roundRobin, nsid: nil)
        let answerer = responder.makeDatagramAnswerer()
        let query = QueryResponderTests.query("web.default.svc.clusterset.local")
        var seen: Set<[UInt8]> = []
        for _ in 0..<12 {
            let (fast, full) = bothAnswers(query, client: [192, 0, 2, 200], answerer: answerer, responder: responder)
            #expect(fast == full)
            seen.insert(fast ?? [])
        }
        #expect(seen.count == 3)
    }

    @Test func aTableChangeIsAnsweredAtOnce() throws {
        let responder = responder(policy: .localFirst, nsid: nil)
        let answerer = responder.makeDatagramAnswerer()
        let query = QueryResponderTests.query("legacy.default.svc.clusterset.local")
        let before = bothAnswers(query, client: [192, 0, 2, 200], answerer: answerer, responder: responder)
        table.set(.empty)
        let after = bothAnswers(query, client: [192, 0, 2, 200], answerer: answerer, responder: responder)
        #expect(before.fast == before.full)
        #expect(after.fast == after.full)
        #expect(before.fast != after.fast)
    }
}
