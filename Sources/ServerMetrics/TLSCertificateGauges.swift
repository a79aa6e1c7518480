import Prometheus
import ServerTLS
import Synchronization

/// `gnsd_tls_certificate_expiry_timestamp_seconds`: when each certificate a TLS listener serves
/// or trusts expires, set from the listeners' current files at every scrape, so a renewal shows
/// at once and a replaced certificate's series goes away.
final class TLSCertificateGauges: Sendable {
    private struct Series: Hashable {
        var listener: String
        var validity: CertificateValidity
    }

    private let registry: PrometheusCollectorRegistry
    private let listeners = Mutex<[(name: String, context: ReloadingTLSContext)]>([])
    private let gauges = Mutex<[Series: Gauge]>([:])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Shows the certificates of `context`, serving `listener` (`api`, `dot`), from now on.
    func watch(_ context: ReloadingTLSContext, listener: String) {
        listeners.withLock { $0.append((listener, context)) }
    }

    /// Sets every gauge from the listeners' certificates now, removing the ones no longer served.
    func update() {
        let current = listeners.withLock { listeners in
            Set(listeners.flatMap { name, context in context.certificates.map { Series(listener: name, validity: $0) } })
        }
        gauges.withLock { gauges in
            for (series, gauge) in gauges where !current.contains(series) {
                registry.unregisterGauge(gauge)
                gauges[series] = nil
            }
            for series in current {
                let gauge =
                    gauges[series]
                    ?? registry.makeGauge(
                        descriptor: Self.descriptor,
                        labels: [("listener", series.listener), ("role", series.validity.role), ("subject", series.validity.subject)])
                gauges[series] = gauge
                gauge.set(series.validity.notValidAfter)
            }
        }
    }

    private static var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gnsd", subsystem: "tls", metricName: "certificate_expiry_timestamp", unitName: "seconds",
            helpText: "When a certificate a TLS listener serves (role server) or trusts (role client-ca) expires, in seconds since 1970.")
    }
}
