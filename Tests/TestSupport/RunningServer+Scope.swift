public import EndpointTable
public import GNSDServer
import TestKit

/// Runs `body` against a gnsd serving `zones` (see ``RunningServer/start(zones:clock:adjust:)``),
/// stopping it afterwards, also when `body` throws.
public func withServer<T>(
    zones: String, clock: any LeaseClock = SystemLeaseClock(), adjust: (inout Configuration) -> Void = { _ in },
    _ body: (RunningServer) async throws -> T
) async throws -> T {
    let server = try await RunningServer.start(zones: zones, clock: clock, adjust: adjust)
    return try await withCleanup {
        try await body(server)
    } cleanup: {
        await server.stop()
    }
}
