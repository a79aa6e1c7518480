internal import QueryLog
internal import ServiceLifecycle

/// Runs the query log's writer for as long as gnsd serves; at shutdown it takes no more queries,
/// writes what is queued and ends the dnstap stream.
struct QueryLogService: Service {
    let log: QueryLog

    func run() async throws {
        async let writing: Void = log.write()
        try? await gracefulShutdown()
        log.close()
        await writing
    }
}
