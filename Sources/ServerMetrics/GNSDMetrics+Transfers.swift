public import DNSWire
import Prometheus
public import ZoneTransfer

/// Zone transfers and NOTIFYs: `gnsd_transfer_requests_total` by zone, peer and outcome,
/// `gnsd_transfer_bytes_total` and `gnsd_transfer_messages_total` by zone and outcome,
/// `gnsd_notify_total` by zone, secondary and event, and `gnsd_transfer_journal_records` and
/// `gnsd_transfer_journal_differences` by zone.
extension GNSDMetrics: TransferObserver {
    public func observeTransfer(zone: DomainName?, peer: String, outcome: TransferOutcome, messages: Int, bytes: Int) {
        let zoneLabel = zone?.description ?? "unreadable"
        registry.makeCounter(
            descriptor: Self.descriptor(
                "transfer", "requests", unit: "total", help: "Zone transfer requests (AXFR, IXFR), by zone, peer and outcome."),
            labels: [("zone", zoneLabel), ("peer", peer), ("outcome", outcome.rawValue)]
        ).increment()
        registry.makeCounter(
            descriptor: Self.descriptor("transfer", "bytes", unit: "total", help: "Bytes of zone transfer responses, by zone and outcome."),
            labels: [("zone", zoneLabel), ("outcome", outcome.rawValue)]
        ).increment(by: Int64(bytes))
        registry.makeCounter(
            descriptor: Self.descriptor("transfer", "messages", unit: "total", help: "Messages of zone transfer responses, by zone and outcome."),
            labels: [("zone", zoneLabel), ("outcome", outcome.rawValue)]
        ).increment(by: Int64(messages))
    }

    public func observeNotify(zone: DomainName, target: String, event: NotifyEvent) {
        registry.makeCounter(
            descriptor: Self.descriptor("notify", "messages", unit: "total", help: "NOTIFY messages to secondaries: sent, acknowledged or failed."),
            labels: [("zone", zone.description), ("secondary", target), ("event", event.rawValue)]
        ).increment()
    }

    public func observeJournal(_ depths: [TransferJournal.Depth]) {
        for depth in depths {
            registry.makeGauge(
                descriptor: Self.descriptor("transfer", "journal_records", help: "Records of differences the IXFR journal keeps, by zone."),
                labels: [("zone", depth.zone.description)]
            ).set(Int64(depth.records))
            registry.makeGauge(
                descriptor: Self.descriptor("transfer", "journal_differences", help: "Differences (serial steps) the IXFR journal keeps, by zone."),
                labels: [("zone", depth.zone.description)]
            ).set(Int64(depth.differences))
        }
    }
}
