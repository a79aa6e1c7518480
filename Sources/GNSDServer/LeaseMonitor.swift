internal import EndpointTable
internal import Logging
internal import ServiceLifecycle

/// Turns clusters stale when their agent's lease lapses: sleeps until the next expiry (at most
/// `maxSleep`, so leases granted meanwhile are seen) and publishes the lapse to the table.
struct LeaseMonitor: Service {
    let table: EndpointTable
    let clock: any LeaseClock
    let maxSleep: Duration
    let logger: Logger

    func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let wait = table.nextLeaseExpiry.map { $0 - clock.now } ?? maxSleep
                guard (try? await Task.sleep(for: min(max(wait, .milliseconds(1)), maxSleep))) != nil else { return }
                let before = table.snapshot
                let after = table.expireLeases()
                guard after !== before else { continue }
                for (id, cluster) in after.clusters where cluster.lease == .stale && before.clusters[id]?.lease == .live {
                    logger.warning(
                        "cluster lease lapsed; its endpoints are answered only when no live cluster has any", metadata: ["cluster": "\(id)"])
                }
            }
        }
    }
}
