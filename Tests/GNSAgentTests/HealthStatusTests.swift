import Testing

@testable import GNSAgent

/// Rise and fall: the verdict starts at the file's readiness and flips only after enough results in a row.
struct HealthStatusTests {
    @Test(arguments: [
        // (starts ready, rise, fall, results in order, verdict after each)
        (true, 2, 3, [false, false, false, false], [true, true, false, false]),
        (true, 2, 3, [false, false, true, false, false, false], [true, true, true, true, true, false]),
        (false, 2, 3, [true, true, true], [false, true, true]),
        (false, 2, 3, [true, false, true, true], [false, false, false, true]),
        (false, 1, 1, [true, false, true], [true, false, true]),
        (true, 1, 1, [true, true], [true, true]),
    ])
    func verdictsFollowRiseAndFall(startReady: Bool, rise: Int, fall: Int, results: [Bool], verdicts: [Bool]) {
        var status = HealthStatus(ready: startReady, rise: rise, fall: fall)
        var seen: [Bool] = []
        var previous = startReady
        for result in results {
            let flipped = status.record(passed: result)
            #expect(flipped == (status.ready != previous))
            previous = status.ready
            seen.append(status.ready)
        }
        #expect(seen == verdicts)
    }
}
