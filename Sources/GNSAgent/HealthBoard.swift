internal import GNSModel
internal import Synchronization

/// The export file in use together with the verdicts of its health checks; the exports it
/// publishes are the file's, with each checked endpoint's `ready` replaced by its verdict.
final class HealthBoard: Sendable {
    private struct Contents {
        var file: ExportFile
        var statuses: [HealthTarget: HealthStatus]
    }

    private let contents: Mutex<Contents>

    init(file: ExportFile) {
        contents = Mutex(Contents(file: file, statuses: Self.statuses(for: file, keeping: [:])))
    }

    /// Uses `file` from now on; checks that it still has keep their verdicts, new ones start at the file's `ready`.
    func replace(with file: ExportFile) {
        contents.withLock { contents in
            contents.statuses = Self.statuses(for: file, keeping: contents.statuses)
            contents.file = file
        }
    }

    /// Every check to run, once each, in file order.
    var targets: [HealthTarget] {
        let all = contents.withLock { contents in
            contents.file.services.flatMap { service in Self.targets(of: service).map(\.target) }
        }
        var seen: Set<HealthTarget> = []
        return all.filter { seen.insert($0).inserted }
    }

    /// Counts one result of `target`'s check; the new verdict when it flipped, `nil` otherwise
    /// (also for a target no longer in the file).
    func record(_ target: HealthTarget, passed: Bool) -> Bool? {
        contents.withLock { contents in
            guard contents.statuses[target]?.record(passed: passed) == true else { return nil }
            return contents.statuses[target]?.ready
        }
    }

    /// The exports to publish.
    var exports: [ServiceExport] {
        contents.withLock { contents in
            contents.file.services.map { service in
                var export = service.export
                for (index, target) in Self.targets(of: service) {
                    export.endpoints[index].ready = contents.statuses[target]?.ready ?? export.endpoints[index].ready
                }
                return export
            }
        }
    }

    /// The checked endpoints of `service` with their indexes.
    private static func targets(of service: ExportFile.Service) -> [(index: Int, target: HealthTarget)] {
        guard let check = service.healthCheck else { return [] }
        return service.export.endpoints.enumerated().compactMap { index, endpoint in
            endpoint.addresses.first.map { (index, HealthTarget(service: service.export.key, address: $0, check: check)) }
        }
    }

    private static func statuses(for file: ExportFile, keeping old: [HealthTarget: HealthStatus]) -> [HealthTarget: HealthStatus] {
        var statuses: [HealthTarget: HealthStatus] = [:]
        for service in file.services {
            for (index, target) in targets(of: service) where statuses[target] == nil {
                statuses[target] =
                    old[target]
                    ?? HealthStatus(ready: service.export.endpoints[index].ready, rise: target.check.rise, fall: target.check.fall)
            }
        }
        return statuses
    }
}
