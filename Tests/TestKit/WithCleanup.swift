/// Runs `body`, then `cleanup`, also when `body` throws: a `defer` that can await.
///
///     try await withCleanup { try await check(server) } cleanup: { await server.stop() }
public func withCleanup<Result>(
    isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Result, cleanup: () async -> Void
) async throws -> Result {
    let result: Result
    do {
        result = try await body()
    } catch {
        await cleanup()
        throw error
    }
    await cleanup()
    return result
}
