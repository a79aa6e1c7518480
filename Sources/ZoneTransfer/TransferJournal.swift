public import Authority
public import DNSWire
import Synchronization

/// The zones gnsd transfers, and for each the differences between its recent serials, so a
/// secondary asking IXFR gets only what changed.
///
/// The journal follows the zone files and the endpoint table: ``catchUp()`` compares the state it
/// saw last with the current one. The records it recomputes are those of the services the table's
/// change log names (``TableSnapshot/servicesAffected(since:)``), before and after, never whole
/// zones; a zone file reload compares that zone's static records. Each zone keeps at most
/// `maxRecords` records of differences, dropping the oldest; a secondary older than what is kept
/// gets the whole zone.
///
/// Thread-safe: one lock serialises catching up, full-zone builds and plans, which run off the
/// DNS event loops.
public final class TransferJournal: Sendable {
    /// What an IXFR request from a given serial gets.
    public enum Plan: Sendable {
        /// The secondary has the current serial (or a newer one): the current SOA alone.
        case upToDate(ResourceRecord)
        /// The differences from the secondary's serial to the current one.
        case differences([ZoneDifference], current: ResourceRecord)
        /// The journal does not reach back that far: the whole zone, as AXFR sends it.
        case full([ResourceRecord])
    }

    /// How deep one zone's journal is.
    public struct Depth: Sendable {
        public let zone: DomainName
        public let differences: Int
        public let records: Int
    }

    private struct History {
        var soa: ResourceRecord
        var differences: [ZoneDifference] = []
        var records = 0
        /// The whole zone at `soa`'s serial, once a transfer asked for it.
        var fullZone: [ResourceRecord]?
    }

    private struct State {
        var seen: TransferState
        var histories: [DomainName: History]
        /// Zones whose records changed since ``takeChangedZones()`` last ran.
        var changed: Set<DomainName>
    }

    private let answerSource: AnswerSource
    private let maxRecords: Int
    private let observer: (any TransferObserver)?
    private let state: Mutex<State>

    /// A journal of every zone served, starting from the current state; every zone counts as
    /// changed at first, so secondaries are notified when gnsd starts. `observer` sees the
    /// journal's depth after each change.
    public init(answerSource: AnswerSource, maxRecords: Int, observer: (any TransferObserver)? = nil) {
        self.answerSource = answerSource
        self.maxRecords = maxRecords
        self.observer = observer
        let seen = answerSource.transferState()
        var histories: [DomainName: History] = [:]
        for zone in seen.zones.zones {
            if let soa = answerSource.soa(of: zone.origin, in: seen) {
                histories[zone.origin] = History(soa: soa)
            }
        }
        state = Mutex(State(seen: seen, histories: histories, changed: Set(histories.keys)))
    }

    /// Records the differences since the state seen last.
    public func catchUp() {
        state.withLock { catchUp(&$0) }
    }

    /// The zones whose records changed since the last call, which secondaries should hear of.
    public func takeChangedZones() -> Set<DomainName> {
        state.withLock { state in
            catchUp(&state)
            defer { state.changed = [] }
            return state.changed
        }
    }

    /// The current SOA of the zone at `origin`, `nil` when it is not served.
    public func soa(of origin: DomainName) -> ResourceRecord? {
        state.withLock { state in
            catchUp(&state)
            return state.histories[origin]?.soa
        }
    }

    /// What a secondary at `serial` gets for an IXFR of the zone at `origin`, or, without a
    /// serial, for an AXFR (the whole zone, its SOA first and last); `nil` when the zone is not
    /// served. One look at the journal, so the answer is of one serial.
    public func plan(for origin: DomainName, from serial: UInt32?) -> Plan? {
        state.withLock { state in
            catchUp(&state)
            guard let history = state.histories[origin] else { return nil }
            guard let serial else { return fullZone(origin, &state).map(Plan.full) }
            let current = history.soa.soaSerial
            if serial == current || ZoneTransfer.serial(serial, isNewerThan: current) {
                return .upToDate(history.soa)
            }
            if let start = history.differences.firstIndex(where: { $0.from.soaSerial == serial }) {
                return .differences(Array(history.differences[start...]), current: history.soa)
            }
            return fullZone(origin, &state).map(Plan.full)
        }
    }

    private func fullZone(_ origin: DomainName, _ state: inout State) -> [ResourceRecord]? {
        guard var history = state.histories[origin] else { return nil }
        if let zone = history.fullZone { return zone }
        var records = answerSource.staticRecords(of: origin, in: state.seen)
        records += answerSource.records(of: answerSource.transferGroups(of: origin, in: state.seen), in: origin, state: state.seen)
        let zone = [history.soa] + records + [history.soa]
        history.fullZone = zone
        state.histories[origin] = history
        return zone
    }

    private func catchUp(_ state: inout State) {
        let current = answerSource.transferState()
        let previous = state.seen
        guard current.table !== previous.table || current.zones !== previous.zones else { return }
        let zonesChanged = current.zones !== previous.zones
        let affected = current.table.servicesAffected(since: previous.table)
        var histories: [DomainName: History] = [:]
        for zone in current.zones.zones {
            let origin = zone.origin
            guard let soa = answerSource.soa(of: origin, in: current) else { continue }
            guard var history = state.histories[origin] else {
                histories[origin] = History(soa: soa)
                state.changed.insert(origin)
                continue
            }
            guard soa.soaSerial != history.soa.soaSerial else {
                history.soa = soa
                if zonesChanged {
                    history.fullZone = nil
                }
                histories[origin] = history
                continue
            }
            let difference = self.difference(
                of: origin, from: previous, to: current, zoneFileChanged: zonesChanged, services: affected, soas: (history.soa, soa))
            history.soa = soa
            history.fullZone = nil
            history.differences.append(difference)
            history.records += difference.recordCount
            while history.records > maxRecords, !history.differences.isEmpty {
                history.records -= history.differences.removeFirst().recordCount
            }
            histories[origin] = history
            if !difference.removed.isEmpty || !difference.added.isEmpty {
                state.changed.insert(origin)
            }
        }
        state.histories = histories
        state.seen = current
        observer?.observeJournal(
            histories.map { Depth(zone: $0.key, differences: $0.value.differences.count, records: $0.value.records) }
                .sorted { $0.zone.description < $1.zone.description })
    }

    /// The records of the zone at `origin` that differ between `previous` and `current`: its zone
    /// file's records when the zone files were reloaded, and the groups of `services` (of every
    /// service, after a reload, since the zone file may now hide or reveal names).
    private func difference(
        of origin: DomainName, from previous: TransferState, to current: TransferState, zoneFileChanged: Bool, services: Set<ServiceKey>,
        soas: (ResourceRecord, ResourceRecord)
    ) -> ZoneDifference {
        var before: [ResourceRecord] = []
        var after: [ResourceRecord] = []
        let groups: [TransferGroup]
        if zoneFileChanged {
            before += answerSource.staticRecords(of: origin, in: previous)
            after += answerSource.staticRecords(of: origin, in: current)
            groups = answerSource.transferGroups(
                of: origin, for: Set(previous.table.services.keys).union(current.table.services.keys), in: [previous, current])
        } else {
            groups = answerSource.transferGroups(of: origin, for: services, in: [previous, current])
        }
        before += answerSource.records(of: groups, in: origin, state: previous)
        after += answerSource.records(of: groups, in: origin, state: current)
        let beforeSet = Set(before)
        let afterSet = Set(after)
        return ZoneDifference(
            from: soas.0, to: soas.1, removed: before.filter { !afterSet.contains($0) }, added: after.filter { !beforeSet.contains($0) })
    }
}
