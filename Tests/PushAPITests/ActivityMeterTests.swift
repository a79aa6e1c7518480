import Testing

@testable import ServerMetrics

@Suite("Query and push rates over the last minute, for GET /v1/status")
struct ActivityMeterTests {
    @Test func ratesCoverTheLastMinuteOfSamples() {
        let start = ContinuousClock.now
        let meter = ActivityMeter(start: start)
        meter.countQuery()
        #expect(meter.activity(at: start + .milliseconds(70)).queries.perSecond == 1, "at least a second: one query is not 14/s")
        for _ in 0..<29 {
            meter.countQuery()
        }
        meter.countPush()
        meter.sample(at: start + .seconds(10))
        let early = meter.activity(at: start + .seconds(10))
        #expect(early.queries == .init(total: 30, perSecond: 3))
        #expect(early.pushes == .init(total: 1, perSecond: 0.1))
        for _ in 0..<60 {
            meter.countQuery()
        }
        meter.sample(at: start + .seconds(70))
        #expect(
            meter.activity(at: start + .seconds(70)).queries == .init(total: 90, perSecond: 1), "60 queries over the 60 s since the sample at 10 s")
        #expect(meter.activity(at: start + .seconds(70)).pushes == .init(total: 1, perSecond: 0))
    }
}
