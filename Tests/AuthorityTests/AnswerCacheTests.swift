import DNSWire
import Testing

@testable import Authority

/// The answer cache's bounds: what it admits, what it evicts, and that it never outgrows its budget.
struct AnswerCacheTests {
    /// The smallest budget: two generations of ``AnswerCache/minimumGenerationBytes``.
    static let budget = 2 * AnswerCache.minimumGenerationBytes + CacheAdmission.byteSize
    static let response = [UInt8](repeating: 0xAB, count: 1000)

    /// A query for `name` and its view, as the UDP path holds them.
    static func query(_ name: String) -> (bytes: [UInt8], view: QueryView) {
        let bytes = QueryResponderTests.query(name)
        let view = bytes.withUnsafeBytes { QueryView($0)! }
        return (bytes, view)
    }

    static func key(_ query: (bytes: [UInt8], view: QueryView)) -> AnswerCache.Key {
        query.bytes.withUnsafeBytes {
            AnswerCache.Key(nameHash: query.view.nameHash(in: $0), type: 1, recordClass: 1, recordLimit: 1232, carriesOPT: true, placement: -1)
        }
    }

    /// Looks `name` up, storing a 1000-byte response when it is missing; returns whether it was found.
    @discardableResult
    static func ask(_ name: String, in cache: inout AnswerCache) -> Bool {
        let query = query(name)
        let key = key(query)
        return query.bytes.withUnsafeBytes { message in
            if let entry = cache.entry(for: key, query: query.view, message: message) {
                return cache.variant(of: entry, step: 0) != nil
            }
            let entry = cache.insert(key, query: query.view, message: message, period: 1, dependency: .none)
            if let entry {
                _ = response.withUnsafeBytes { cache.store($0, serial: nil, for: entry, step: 0) }
            }
            return false
        }
    }

    @Test func aKeyIsAdmittedOnlyWhenAskedAgainWhileItsSlotHoldsIt() {
        var admission = CacheAdmission()
        let key = Self.key(Self.query("web.default.svc.clusterset.local"))
        let answers = (0..<3).map { _ in admission.admits(key) }
        #expect(answers == [false, true, true])
    }

    @Test func everyKeyIsAdmittedUntilTheCacheFirstFillsThenOnlyOnASecondAsk() {
        var cache = AnswerCache(budget: Self.budget)
        let first = Self.key(Self.query("first.example.test"))
        let admitted = cache.admits(first)
        #expect(admitted)
        for index in 0..<200 {
            Self.ask("fill\(index).example.test", in: &cache)
        }
        let late = Self.key(Self.query("late.example.test"))
        let answers = (0..<2).map { _ in cache.admits(late) }
        #expect(answers == [false, true])
    }

    @Test func namesAskedAgainSurviveAFloodOfOthersWhileColdOnesGo() {
        var cache = AnswerCache(budget: Self.budget)
        Self.ask("cold.example.test", in: &cache)
        Self.ask("hot.example.test", in: &cache)
        for index in 0..<5_000 {
            Self.ask("flood\(index).example.test", in: &cache)
            if index % 20 == 0 {
                #expect(Self.ask("hot.example.test", in: &cache))
            }
        }
        #expect(Self.ask("hot.example.test", in: &cache))
        #expect(!Self.ask("cold.example.test", in: &cache))
    }

    @Test func storageStaysWithinTheBudget() {
        var cache = AnswerCache(budget: Self.budget)
        for index in 0..<5_000 {
            Self.ask("flood\(index).example.test", in: &cache)
        }
        #expect(cache.usage <= Self.budget - CacheAdmission.byteSize)
        #expect(cache.usage > AnswerCache.minimumGenerationBytes / 2)
    }

    @Test func aResponseLargerThanAGenerationIsServedButNotStored() {
        var cache = AnswerCache(budget: Self.budget)
        let query = Self.query("big.example.test")
        let key = Self.key(query)
        let huge = [UInt8](repeating: 1, count: AnswerCache.minimumGenerationBytes + 1)
        let stored = query.bytes.withUnsafeBytes { message in
            let entry = cache.insert(key, query: query.view, message: message, period: 1, dependency: .none)
            return huge.withUnsafeBytes { bytes in entry.flatMap { cache.store(bytes, serial: nil, for: $0, step: 0) } }
        }
        #expect(stored == nil)
    }
}
