import EndpointTable
import Testing

/// Lease renewal, lapse at exactly duration plus grace, and the expiry timer's deadline.
struct LeaseTests {
    static let settings = TableSettings(leaseDuration: .seconds(10), leaseGrace: .seconds(5))

    static func snapshot(_ cluster: ClusterID, generation: UInt64 = 1) -> TableChange {
        .snapshot(cluster, generation: generation, info: ClusterInfo(), exports: [F.headless(F.web, [("10.0.0.1", ready: true)])])
    }

    @Test func leaseLapsesAtExactlyDurationPlusGrace() throws {
        let fixture = try TableFixture(settings: Self.settings)
        fixture.clock.advance(by: .seconds(2))
        let accepted = try fixture.table.apply(Self.snapshot(F.west))
        #expect(accepted.clusters[F.west]?.lease == .live)
        #expect(accepted.clusters[F.west]?.leaseExpiry == .seconds(17))

        fixture.clock.advance(by: .seconds(15) - .nanoseconds(1))
        #expect(fixture.table.advance() === accepted)

        fixture.clock.advance(by: .nanoseconds(1))
        let lapsed = fixture.table.advance()
        #expect(lapsed.version == accepted.version + 1)
        #expect(lapsed.clusters[F.west]?.lease == .stale)
        #expect(lapsed.clusters[F.west]?.leaseExpiry == nil)
        #expect(lapsed.services == accepted.services)
        #expect(fixture.table.snapshot === lapsed)
        #expect(fixture.table.advance() === lapsed)
    }

    @Test(arguments: [
        ("snapshot", TableChange.snapshot(F.west, generation: 2, info: ClusterInfo(), exports: [])),
        ("delta", .delta(F.west, baseGeneration: 1, generation: 2, operations: [])),
        ("heartbeat", .heartbeat(F.west)),
    ])
    func acceptedChangesRenewTheLease(_ name: String, _ change: TableChange) throws {
        let fixture = try TableFixture(settings: Self.settings)
        try fixture.table.apply(Self.snapshot(F.west))
        fixture.clock.advance(by: .seconds(14))

        #expect(try fixture.table.apply(change).clusters[F.west]?.leaseExpiry == .seconds(29))
        fixture.clock.advance(by: .seconds(14))
        #expect(fixture.table.advance().clusters[F.west]?.lease == .live)
    }

    @Test func renewalBringsAStaleClusterBack() throws {
        let fixture = try TableFixture(settings: Self.settings)
        try fixture.table.apply(Self.snapshot(F.west))
        fixture.clock.advance(by: .seconds(20))
        #expect(fixture.table.advance().clusters[F.west]?.lease == .stale)

        let renewed = try fixture.table.apply(.heartbeat(F.west))

        #expect(renewed.clusters[F.west]?.lease == .live)
        #expect(renewed.clusters[F.west]?.leaseExpiry == .seconds(35))
    }

    @Test func refusedChangesDoNotRenew() throws {
        let fixture = try TableFixture(settings: Self.settings)
        try fixture.table.apply(Self.snapshot(F.west, generation: 3))
        fixture.clock.advance(by: .seconds(10))

        #expect(fixture.refusal(Self.snapshot(F.west, generation: 3)) == .staleGeneration(current: 3))
        #expect(fixture.refusal(.delta(F.west, baseGeneration: 1, generation: 4, operations: [])) == .generationMismatch(current: 3))
        fixture.clock.advance(by: .seconds(5))
        #expect(fixture.table.advance().clusters[F.west]?.lease == .stale)
    }

    @Test func oneSweepLapsesEveryDueLeaseInOneVersion() throws {
        let fixture = try TableFixture(settings: Self.settings)
        try fixture.table.apply(Self.snapshot(F.west))
        try fixture.table.apply(Self.snapshot(F.east))
        fixture.clock.advance(by: .seconds(6))
        let last = try fixture.table.apply(Self.snapshot(F.north))
        fixture.clock.advance(by: .seconds(10))

        let swept = fixture.table.advance()

        #expect(swept.version == last.version + 1)
        #expect(swept.clusters.mapValues(\.lease) == [F.west: .stale, F.east: .stale, F.north: .live])
    }

    @Test func nextLeaseEventIsTheEarliestLiveExpiry() throws {
        let fixture = try TableFixture(settings: Self.settings)
        #expect(fixture.table.nextDeadline == nil)

        try fixture.table.apply(Self.snapshot(F.west))
        fixture.clock.advance(by: .seconds(3))
        try fixture.table.apply(Self.snapshot(F.east))
        #expect(fixture.table.nextDeadline == .seconds(15))

        fixture.clock.advance(by: .seconds(12))
        fixture.table.advance()
        #expect(fixture.table.nextDeadline == .seconds(18))

        fixture.clock.advance(by: .seconds(3))
        fixture.table.advance()
        #expect(fixture.table.nextDeadline == nil)
    }

    @Test func restoredClustersStartStale() throws {
        let stored = StoredCluster(id: F.west, info: ClusterInfo(), generation: 4, exports: [F.headless(F.web, [("10.0.0.1", ready: true)])])
        let fixture = try TableFixture(settings: Self.settings, stored: [stored])

        #expect(fixture.table.snapshot.clusters[F.west]?.lease == .stale)
        #expect(fixture.table.snapshot.clusters[F.west]?.leaseExpiry == nil)
        #expect(fixture.table.nextDeadline == nil)
        #expect(try fixture.table.apply(.heartbeat(F.west)).clusters[F.west]?.lease == .live)
    }
}
