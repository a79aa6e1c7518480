import TestKit

extension RunningServer {
    /// Digs `name` `type` at the server every 100 ms for up to `seconds` until the answer's records, sorted, are `expected`;
    /// false when they never were.
    public func poll(_ name: String, _ type: String = "A", until expected: [String], seconds: Int = 10) async throws -> Bool {
        try await eventually(within: .seconds(seconds), every: .milliseconds(100)) {
            try await DNSLookup.query(.dig, port: port, name, type).answer.sorted() == expected
        }
    }
}
