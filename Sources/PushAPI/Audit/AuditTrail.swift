import APIBodies
public import EndpointTable
public import Foundation
public import Logging
import Synchronization

/// The record of every write to the push API, accepted or refused: kept in memory (the newest
/// ``AuditSettings/maxRecords`` within ``AuditSettings/maxAge``), written to the state file by
/// ``flush()`` in batches, and one structured log line each. Accepted heartbeats are counted per
/// cluster, not recorded.
///
/// Every record is bounded (service names capped, messages as the API answered them), and so is
/// the memory: a flood of refused writes pushes the oldest records out, never grows the trail.
public final class AuditTrail: Sendable {
    private struct State {
        /// Records oldest first, with their time for filtering.
        var records: [(time: Date, record: AuditRecord)] = []
        var nextSequence: UInt64 = 1
        /// Records not yet written to the store, encoded when they are.
        var pending: [(time: Date, record: AuditRecord)] = []
        var heartbeats: [String: (count: UInt64, last: Date)] = [:]
        /// The second whose refused writes are being logged, how many were, and how many were not.
        var refusalSecond: Int64 = 0
        var refusalsLogged = 0
        var refusalsUnlogged = 0
    }

    /// The most refused writes logged in one second; the rest are counted in the next line
    /// logged, so a flood of refused requests cannot flood the log. Each is recorded all the same.
    static let refusalLinesPerSecond = 10

    private let settings: AuditSettings
    private let store: (any AuditStore)?
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let state: Mutex<State>

    /// A trail keeping what `settings` allow, restored from `store` (memory only when `nil`).
    public init(settings: AuditSettings, store: (any AuditStore)?, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.settings = settings
        self.store = store
        self.logger = logger
        self.now = now
        var restored = State()
        let decoder = JSONDecoder()
        for stored in try store?.loadAudit(limit: settings.maxRecords, since: now().addingTimeInterval(-settings.maxAge.inSeconds)) ?? [] {
            if let record = try? decoder.decode(AuditRecord.self, from: Data(stored.json.utf8)) {
                restored.records.append((stored.time, record))
            }
            restored.nextSequence = max(restored.nextSequence, stored.sequence + 1)
        }
        state = Mutex(restored)
    }

    /// Records one write: gives `record` its sequence number and time, logs it and keeps it.
    func record(_ record: AuditRecord) {
        var record = record
        let (kept, unlogged) = state.withLock { state in
            // The time is taken under the lock, so the records are in time order.
            let time = now()
            record.time = Self.timestamp(time)
            record.sequence = state.nextSequence
            state.nextSequence += 1
            state.records.append((time, record))
            if state.records.count > settings.maxRecords + settings.maxRecords / 4 {
                state.records.removeFirst(state.records.count - settings.maxRecords)
            }
            if store != nil {
                state.pending.append((time, record))
                if state.pending.count > settings.maxRecords {
                    state.pending.removeFirst(state.pending.count - settings.maxRecords)
                }
            }
            return (record, record.result == "accepted" ? 0 : Self.admitRefusalLine(at: time, in: &state))
        }
        if let unlogged {
            log(kept, unloggedRefusals: unlogged)
        }
    }

    /// Whether a refused write at `time` may be logged: `nil` when not (counted for later), else
    /// how many refusals went unlogged before it.
    private static func admitRefusalLine(at time: Date, in state: inout State) -> Int? {
        let second = Int64(time.timeIntervalSince1970.rounded(.down))
        if second != state.refusalSecond {
            state.refusalSecond = second
            state.refusalsLogged = 0
        }
        guard state.refusalsLogged < refusalLinesPerSecond else {
            state.refusalsUnlogged += 1
            return nil
        }
        state.refusalsLogged += 1
        defer { state.refusalsUnlogged = 0 }
        return state.refusalsUnlogged
    }

    /// Counts an accepted heartbeat of `cluster`.
    func countHeartbeat(of cluster: ClusterID) {
        let time = now()
        state.withLock { state in
            let count = (state.heartbeats[cluster.name]?.count ?? 0) + 1
            state.heartbeats[cluster.name] = (count, time)
        }
    }

    /// Forgets the heartbeat count of a deleted cluster.
    func forgetHeartbeats(of cluster: ClusterID) {
        _ = state.withLock { $0.heartbeats.removeValue(forKey: cluster.name) }
    }

    /// The records of `cluster` (all when `nil`) from `since` up to `until`, the newest `limit`,
    /// oldest first, with every cluster's heartbeat count.
    func log(cluster: String?, since: Date?, until: Date?, limit: Int) -> AuditLog {
        let oldest = now().addingTimeInterval(-settings.maxAge.inSeconds)
        return state.withLock { state in
            var selected: [AuditRecord] = []
            for (time, record) in state.records.reversed() where selected.count < limit {
                guard time >= oldest else { break }
                if let cluster, record.cluster != cluster { continue }
                if let since, time < since { break }
                if let until, time > until { continue }
                selected.append(record)
            }
            let heartbeats = state.heartbeats.sorted { $0.key < $1.key }.map { cluster, counted in
                HeartbeatCount(cluster: cluster, count: counted.count, last: Self.timestamp(counted.last))
            }
            return AuditLog(records: selected.reversed(), heartbeats: heartbeats)
        }
    }

    /// Writes the records not yet stored to the store in one transaction, pruning it to the
    /// settings' bounds; on failure they are kept for the next flush (and logged).
    public func flush() {
        guard let store else { return }
        let pending = state.withLock { state in
            defer { state.pending = [] }
            return state.pending
        }
        guard !pending.isEmpty else { return }
        let encoder = JSONEncoder()
        let stored = pending.compactMap { time, record in
            (try? encoder.encode(record)).map { StoredAuditRecord(sequence: record.sequence, time: time, json: String(decoding: $0, as: UTF8.self)) }
        }
        do {
            try store.appendAudit(stored, keep: settings.maxRecords, since: now().addingTimeInterval(-settings.maxAge.inSeconds))
        } catch {
            logger.error("cannot write the audit trail to the state file; retrying", metadata: ["error": "\(error)", "records": "\(pending.count)"])
            state.withLock { state in
                state.pending = Array((pending + state.pending).suffix(settings.maxRecords))
            }
        }
    }

    /// One line per record: accepted writes at info, refused ones at notice, with the refusals
    /// left unlogged before it.
    private func log(_ record: AuditRecord, unloggedRefusals: Int) {
        let accepted = record.result == "accepted"
        guard logger.logLevel <= (accepted ? .info : .notice) else { return }
        var metadata: Logger.Metadata = [
            "audit": "\(record.sequence)", "action": "\(record.action)", "caller": "\(record.caller)", "status": "\(record.status)",
        ]
        metadata["cluster"] = record.cluster.map { "\($0)" }
        metadata["error"] = record.error.map { "\($0)" }
        metadata["generation"] = record.generation.map { "\($0)" }
        metadata["previous-generation"] = record.previousGeneration.map { "\($0)" }
        if let summary = record.summary {
            metadata["services-added"] = "\(summary.servicesAdded.count)"
            metadata["services-removed"] = "\(summary.servicesRemoved.count)"
            metadata["services-changed"] = "\(summary.servicesChanged.count)"
            metadata["endpoints-ready"] = "\(summary.endpointsMadeReady)"
            metadata["endpoints-unready"] = "\(summary.endpointsMadeUnready)"
            metadata["withdrawals-held"] = "\(summary.withdrawalsHeld)"
        }
        if unloggedRefusals > 0 {
            metadata["refusals-not-logged"] = "\(unloggedRefusals)"
        }
        if accepted {
            logger.info("write accepted", metadata: metadata)
        } else {
            logger.notice("write refused: \(record.message ?? record.error ?? "")", metadata: metadata)
        }
    }

    /// `time` as the audit trail writes it (``RFC3339Time``).
    static func timestamp(_ time: Date) -> String {
        RFC3339Time.string(secondsSince1970: time.timeIntervalSince1970)
    }
}
