import Testing

@testable import QueryLog

/// The bounded queue between the answer path and the writer: full by count or by bytes, a capture
/// is dropped and counted; closing drains what is queued, then ends.
struct QueryLogQueueTests {
    static func capture(queryBytes: Int) -> CapturedQuery {
        let query = [UInt8](repeating: 1, count: queryBytes)
        let address: [UInt8] = [127, 0, 0, 1]
        return query.withUnsafeBytes { query in
            address.withUnsafeBytes { address in
                CapturedQuery(
                    query: query, response: nil, clientAddress: address, clientPort: 5300, transport: .udp, queryTime: .now,
                    sampled: false)
            }
        }
    }

    @Test func dropsBeyondTheCountAndCountsThem() throws {
        let queue = QueryLogQueue(maxEntries: 3, maxBytes: 1 << 20)
        for _ in 0..<5 {
            queue.offer(Self.capture(queryBytes: 12))
        }
        let taken = try #require(queue.take(timeoutSeconds: 1))
        #expect(taken.entries.count == 3)
        #expect(taken.dropped == 2)
        queue.offer(Self.capture(queryBytes: 12))
        let next = try #require(queue.take(timeoutSeconds: 1))
        #expect(next.entries.count == 1, "taking makes room again")
        #expect(next.dropped == 0)
    }

    @Test func dropsBeyondTheBytes() throws {
        let queue = QueryLogQueue(maxEntries: 100, maxBytes: 100)
        for _ in 0..<4 {
            queue.offer(Self.capture(queryBytes: 36))  // 40 bytes with the address
        }
        let taken = try #require(queue.take(timeoutSeconds: 1))
        #expect(taken.entries.count == 2)
        #expect(taken.dropped == 2)
    }

    @Test func waitsAtMostTheTimeout() throws {
        let queue = QueryLogQueue(maxEntries: 10, maxBytes: 1000)
        let start = ContinuousClock.now
        let taken = try #require(queue.take(timeoutSeconds: 0.05))
        #expect(taken.entries.isEmpty)
        #expect(ContinuousClock.now - start >= .milliseconds(40))
    }

    @Test func closingDrainsThenEnds() throws {
        let queue = QueryLogQueue(maxEntries: 10, maxBytes: 1000)
        queue.offer(Self.capture(queryBytes: 12))
        queue.close()
        queue.offer(Self.capture(queryBytes: 12))
        let taken = try #require(queue.take(timeoutSeconds: 1))
        #expect(taken.entries.count == 1)
        #expect(taken.dropped == 1, "a capture after closing is dropped")
        #expect(queue.take(timeoutSeconds: 1) == nil)
    }

    @Test func samplerTakesEveryNth() {
        var sampler = QuerySampler(every: 3)
        #expect((0..<7).map { _ in sampler.next() } == [false, false, true, false, false, true, false])
        var off = QuerySampler(every: 0)
        #expect(!(0..<5).contains { _ in off.next() })
    }
}
