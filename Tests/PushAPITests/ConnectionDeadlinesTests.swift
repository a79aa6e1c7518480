import NIOCore
import Testing

@testable import PushAPI

/// The deadline of one connection through its requests, at exact instants.
@Suite("Connection deadlines")
struct ConnectionDeadlinesTests {
    private let limits = HTTPServerLimits(
        requestHeadTimeout: .seconds(5), requestBodyTimeout: .seconds(60), idleTimeout: .seconds(75), maxConnections: 16)

    private func at(_ seconds: Int64) -> NIODeadline {
        .uptimeNanoseconds(UInt64(seconds) * 1_000_000_000)
    }

    @Test func aNewConnectionOwesItsFirstHeadWithinTheHeadTimeout() {
        let deadlines = ConnectionDeadlines(limits: limits, openedAt: at(100))
        #expect(deadlines.deadline == at(105))
        #expect(deadlines.waitingSince == at(100))
        #expect(!deadlines.isExpired(at: at(104)))
        #expect(deadlines.isExpired(at: at(105)))
    }

    @Test func aRequestOwesItsBodyThenAnswersWithoutDeadlineThenIdles() {
        var deadlines = ConnectionDeadlines(limits: limits, openedAt: at(100))
        deadlines.headRead(at: at(102))
        #expect(deadlines.deadline == at(162))
        #expect(deadlines.waitingSince == nil)
        deadlines.requestEndRead(at: at(110))
        #expect(deadlines.deadline == nil)
        #expect(!deadlines.isExpired(at: at(10_000)))
        deadlines.responseEnded(at: at(500))
        #expect(deadlines.deadline == at(575))
        #expect(deadlines.waitingSince == at(500))
    }

    @Test func anEarlyResponseKeepsTheBodyDeadlineAndMakesTheConnectionWaiting() {
        var deadlines = ConnectionDeadlines(limits: limits, openedAt: at(0))
        deadlines.headRead(at: at(1))
        deadlines.responseEnded(at: at(2))
        #expect(deadlines.deadline == at(61))
        #expect(deadlines.waitingSince == at(2))
        deadlines.requestEndRead(at: at(30))
        #expect(deadlines.deadline == at(105))
        #expect(deadlines.waitingSince == at(2))
    }

    @Test func pipelinedRequestsIdleOnlyAfterTheLastResponse() {
        var deadlines = ConnectionDeadlines(limits: limits, openedAt: at(0))
        deadlines.headRead(at: at(1))
        deadlines.requestEndRead(at: at(1))
        deadlines.headRead(at: at(2))
        #expect(deadlines.deadline == at(62))
        deadlines.requestEndRead(at: at(3))
        #expect(deadlines.deadline == nil)
        deadlines.responseEnded(at: at(4))
        #expect(deadlines.deadline == nil)
        #expect(deadlines.waitingSince == nil)
        deadlines.responseEnded(at: at(5))
        #expect(deadlines.deadline == at(80))
        #expect(deadlines.waitingSince == at(5))
    }

    @Test func aResponseOrEndWithoutRequestChangesNothing() {
        var deadlines = ConnectionDeadlines(limits: limits, openedAt: at(0))
        deadlines.responseEnded(at: at(3))
        deadlines.requestEndRead(at: at(4))
        #expect(deadlines.deadline == at(5))
        #expect(deadlines.waitingSince == at(0))
    }
}
