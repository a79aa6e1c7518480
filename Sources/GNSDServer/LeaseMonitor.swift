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
                let wait = table.nextDeadline.map { $0 - clock.now } ?? maxSleep
                guard (try? await Task.sleep(for: min(max(wait, .milliseconds(1)), maxSleep))) != nil else { return }
                let before = table.snapshot
                let after = table.advance()
                guard after !== before else { continue }
                for (id, cluster) in after.clusters {
                    guard let previous = before.clusters[id], previous != cluster else { continue }
                    logTransition(of: id, from: previous, to: cluster)
                }
            }
        }
    }

    /// One line for a lease that lapsed, expired, left its damping hold, or was held and lapsed again.
    private func logTransition(of id: ClusterID, from previous: ClusterState, to cluster: ClusterState) {
        let metadata: Logger.Metadata = ["cluster": "\(id)"]
        switch (previous.lease, cluster.lease) {
        case (.live, .stale):
            logger.warning("cluster lease lapsed; its endpoints are answered only when no live cluster has any", metadata: metadata)
        case (.stale, .expired):
            logger.warning("cluster expired: stale for longer than leases.expire-after", metadata: metadata)
        case (.stale, .live):
            logger.notice("cluster live again: it kept renewing through its damping hold", metadata: metadata)
        case (.stale, .stale) where previous.heldUntil != nil:
            logger.warning("cluster stopped renewing during its damping hold; stale again", metadata: metadata)
        default:
            break
        }
    }
}
