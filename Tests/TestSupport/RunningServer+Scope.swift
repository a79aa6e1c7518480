public import EndpointTable
public import GNSDServer

/// Runs `body` against a gnsd serving `zones` (see ``RunningServer/start(zones:clock:adjust:)``),
/// stopping it afterwards, also when `body` throws.
public func withServer<T>(
    zones: String, clock: any LeaseClock = SystemLeaseClock(), adjust: (inout Configuration) -> Void = { _ in },
    _ body: (RunningServer) async throws -> T
) async throws -> T {
    let server = try await RunningServer.start(zones: zones, clock: clock, adjust: adjust)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
