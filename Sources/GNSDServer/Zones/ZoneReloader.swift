internal import APIBodies
internal import Authority
internal import Foundation
internal import Logging
internal import ServerMetrics
internal import ServiceLifecycle
internal import Synchronization

/// Reloads the zone directory on SIGHUP and when its files change, publishing the new zone
/// set whole, or keeping the old one and logging why the new one was refused. A new set is
/// checked as at startup, so it must still hold every global-namespace domain.
final class ZoneReloader: Service {
    private let configuration: Configuration
    private let publisher: ZoneSetPublisher
    private let logger: Logger
    private let reloadRequests: AsyncStream<Void>?
    private let lastOutcome = Mutex<ServerStatus.ZoneReload?>(nil)
    private let metrics: GNSDMetrics

    /// - Parameters:
    ///   - configuration: the zone directory, its check interval (0: SIGHUP only) and the domains it must hold.
    ///   - reloadRequests: the SIGHUPs that force a reload (``ProcessSignals``), those received
    ///     during start-up included; `nil` in tests, which call ``reload()``.
    ///   - metrics: where each reload is counted.
    init(configuration: Configuration, publisher: ZoneSetPublisher, reloadRequests: AsyncStream<Void>?, metrics: GNSDMetrics, logger: Logger) {
        self.configuration = configuration
        self.metrics = metrics
        self.publisher = publisher
        self.reloadRequests = reloadRequests
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.watchAll()
        }
    }

    private func watchAll() async {
        await withDiscardingTaskGroup { group in
            if let reloadRequests {
                group.addTask {
                    // A SIGHUP still buffered when shutdown begins is dropped: shutdown waits for
                    // a reload under way, never for another.
                    for await _ in reloadRequests where !Task.isCancelled {
                        self.logger.info("reloading zones on SIGHUP")
                        self.reload()
                    }
                }
            }
            let interval = configuration.zones.reloadIntervalSeconds
            if interval > 0 {
                group.addTask { await self.watch(every: .seconds(interval)) }
            }
        }
    }

    /// Loads the directory and publishes it; on failure keeps serving the current zones.
    /// - Returns: true when the new zones are now served.
    @discardableResult
    func reload() -> Bool {
        let unixTime = Date().timeIntervalSince1970
        let time = RFC3339Time.string(secondsSince1970: unixTime)
        do {
            let zoneSet = try ZoneCatalog.plan(for: configuration).zoneSet
            publisher.publish(zoneSet)
            logger.info("zones loaded", metadata: zoneSet.summaryMetadata)
            lastOutcome.withLock { $0 = ServerStatus.ZoneReload(time: time, result: "loaded") }
            metrics.recordZoneLoad(zoneSet, at: unixTime, isReload: true)
            return true
        } catch {
            logger.error("zone reload failed, still serving the previous zones: \(error)")
            lastOutcome.withLock { $0 = ServerStatus.ZoneReload(time: time, result: "failed", error: "\(error)") }
            metrics.recordZoneLoad(nil, at: unixTime, isReload: true)
            return false
        }
    }

    /// How the last reload since start ended; `nil` before any.
    var lastReload: ServerStatus.ZoneReload? {
        lastOutcome.withLock { $0 }
    }

    private func watch(every interval: Duration) async {
        var fingerprint = ZoneDirectoryFingerprint(directory: configuration.zones.directory)
        while !Task.isCancelled {
            guard (try? await Task.sleep(for: interval)) != nil else { return }
            let current = ZoneDirectoryFingerprint(directory: configuration.zones.directory)
            guard current != fingerprint else { continue }
            fingerprint = current
            logger.info("zone files changed, reloading")
            reload()
        }
    }
}

extension ZoneSet {
    /// `zones: "acme.local. serial 1, clusterset.local. serial 7"` for log lines.
    var summaryMetadata: Logger.Metadata {
        ["zones": "\(zones.map { "\($0.origin) serial \($0.serial)" }.joined(separator: ", "))"]
    }
}
