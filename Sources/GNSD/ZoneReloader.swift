internal import Authority
internal import Logging
internal import ServiceLifecycle
internal import UnixSignals

/// Reloads the zone directory on SIGHUP and when its files change, publishing the new zone
/// set whole, or keeping the old one and logging why the new one was refused. A new set is
/// checked as at startup, so it must still hold every global-namespace domain.
final class ZoneReloader: Service {
    private let configuration: Configuration
    private let publisher: ZoneSetPublisher
    private let logger: Logger
    private let reloadSignal: UnixSignal?

    /// - Parameters:
    ///   - configuration: the zone directory, its check interval (0: SIGHUP only) and the domains it must hold.
    ///   - reloadSignal: the signal that forces a reload; `nil` in tests, which call ``reload()``.
    init(configuration: Configuration, publisher: ZoneSetPublisher, reloadSignal: UnixSignal?, logger: Logger) {
        self.configuration = configuration
        self.publisher = publisher
        self.reloadSignal = reloadSignal
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.watchAll()
        }
    }

    private func watchAll() async {
        await withDiscardingTaskGroup { group in
            if let reloadSignal {
                group.addTask {
                    for await _ in await UnixSignalsSequence(trapping: reloadSignal) {
                        self.logger.info("reloading zones on \(reloadSignal)")
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
        do {
            let zoneSet = try ZoneCatalog.plan(for: configuration).zoneSet
            publisher.publish(zoneSet)
            logger.info("zones loaded", metadata: zoneSet.summaryMetadata)
            return true
        } catch {
            logger.error("zone reload failed, still serving the previous zones: \(error)")
            return false
        }
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
