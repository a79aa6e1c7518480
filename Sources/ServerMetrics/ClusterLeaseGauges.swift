import EndpointTable
import Prometheus
import Synchronization

/// Each cluster's lease as operators graph it, set from the table at every scrape:
/// `gnsd_cluster_lease_state{cluster, state}` (1 for the cluster's state, 0 for the others) and
/// `gnsd_cluster_lease_remaining_seconds{cluster}` (0 once stale). A deleted cluster's series go
/// away at the next scrape, so the series stay as many as the clusters.
final class ClusterLeaseGauges: Sendable {
    private struct Series {
        var states: [LeaseState: Gauge]
        var remaining: Gauge
    }

    private let registry: PrometheusCollectorRegistry
    private let series = Mutex<[ClusterID: Series]>([:])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Sets every cluster's gauges from `snapshot` at lease time `now`, removing those of clusters it no longer holds.
    func update(from snapshot: TableSnapshot, now: Duration) {
        series.withLock { series in
            for (id, gauges) in series where snapshot.clusters[id] == nil {
                gauges.states.values.forEach(registry.unregisterGauge)
                registry.unregisterGauge(gauges.remaining)
                series[id] = nil
            }
            for (id, state) in snapshot.clusters {
                let gauges = series[id] ?? makeSeries(for: id)
                series[id] = gauges
                for (lease, gauge) in gauges.states {
                    gauge.set(Int64(lease == state.lease ? 1 : 0))
                }
                let remaining = state.lease == .live ? max(.zero, (state.leaseExpiry ?? now) - now) : .zero
                gauges.remaining.set(remaining.inSeconds)
            }
        }
    }

    private func makeSeries(for id: ClusterID) -> Series {
        Series(
            states: Dictionary(
                uniqueKeysWithValues: LeaseState.allCases.map { lease in
                    (lease, registry.makeGauge(descriptor: Self.state, labels: [("cluster", id.name), ("state", lease.rawValue)]))
                }),
            remaining: registry.makeGauge(descriptor: Self.remaining, labels: [("cluster", id.name)]))
    }

    private static var state: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gnsd", subsystem: "cluster", metricName: "lease_state",
            helpText: "1 for each cluster's lease state (live, stale or expired), 0 for the others.")
    }

    private static var remaining: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gnsd", subsystem: "cluster", metricName: "lease_remaining", unitName: "seconds",
            helpText: "Seconds until a live cluster's lease lapses without a renewal; 0 once stale.")
    }
}
