public import Authority
internal import Prometheus
internal import Synchronization

/// Zone loading as operators alert on it: `gnsd_zone_reloads_total{result}` (`loaded` or
/// `failed`), `gnsd_zone_last_load_success_timestamp_seconds` (start included) and
/// `gnsd_zone_serial{zone}` for each zone served; a zone no longer served loses its series.
final class ZoneLoadMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let loaded: Counter
    private let failed: Counter
    private let lastSuccess: Gauge
    private let serials = Mutex<[String: Gauge]>([:])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        let reloads = GNSDMetrics.descriptor(
            "zone", "reloads", unit: "total", help: "Zone directory reloads after start, by result: loaded, or failed and the previous zones kept.")
        loaded = registry.makeCounter(descriptor: reloads, labels: [("result", "loaded")])
        failed = registry.makeCounter(descriptor: reloads, labels: [("result", "failed")])
        lastSuccess = registry.makeGauge(
            descriptor: GNSDMetrics.descriptor(
                "zone", "last_load_success_timestamp", unit: "seconds", help: "Unix time the zones served were loaded, at start or by a reload."))
    }

    /// Records a load: `zoneSet` now served at `unixTime`, or `nil` for a reload that failed;
    /// `isReload` is false for the load at start, which no reload counter counts.
    func record(_ zoneSet: ZoneSet?, at unixTime: Double, isReload: Bool) {
        guard let zoneSet else {
            failed.increment()
            return
        }
        if isReload {
            loaded.increment()
        }
        lastSuccess.set(unixTime)
        serials.withLock { serials in
            let served = Dictionary(uniqueKeysWithValues: zoneSet.zones.map { ($0.origin.description, $0.serial) })
            for (zone, gauge) in serials where served[zone] == nil {
                registry.unregisterGauge(gauge)
                serials[zone] = nil
            }
            for (zone, serial) in served {
                let gauge = serials[zone] ?? registry.makeGauge(descriptor: Self.serial, labels: [("zone", zone)])
                serials[zone] = gauge
                gauge.set(Int64(serial))
            }
        }
    }

    private static var serial: MetricNameDescriptor {
        GNSDMetrics.descriptor("zone", "serial", help: "SOA serial of each zone served.")
    }
}
