/// Calls `condition` every `interval` until it holds, for at most `limit`; returns whether it held.
/// It is always called at least once, and once more when `limit` ends during an interval.
///
///     #expect(try await eventually(within: .seconds(5)) { link.requests.count >= 2 })
public func eventually(
    within limit: Duration, every interval: Duration = .milliseconds(10), isolation: isolated (any Actor)? = #isolation,
    _ condition: () async throws -> Bool
) async throws -> Bool {
    try await eventuallyValue(within: limit, every: interval) { try await condition() ? () : nil } != nil
}

/// Calls `probe` every `interval` until it returns a value, for at most `limit`; returns that
/// value, or `nil` when there was none in time.
///
///     let match = try await eventuallyValue(within: .seconds(10)) { requests.last(where: predicate) }
public func eventuallyValue<Value>(
    within limit: Duration, every interval: Duration = .milliseconds(10), isolation: isolated (any Actor)? = #isolation,
    _ probe: () async throws -> Value?
) async throws -> Value? {
    let deadline = ContinuousClock.now + limit
    while true {
        if let value = try await probe() {
            return value
        }
        guard ContinuousClock.now < deadline else {
            return nil
        }
        try await Task.sleep(for: interval)
    }
}
