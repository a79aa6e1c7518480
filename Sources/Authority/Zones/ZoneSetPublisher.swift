internal import Atomics

/// Holds the current ``ZoneSet``; readers load it without locks, a reload swaps it whole.
public final class ZoneSetPublisher: Sendable {
    private final class Slot: AtomicReference, Sendable {
        let zoneSet: ZoneSet
        init(_ zoneSet: ZoneSet) { self.zoneSet = zoneSet }
    }

    private let current: ManagedAtomic<Slot>

    public init(_ initial: ZoneSet) {
        current = ManagedAtomic(Slot(initial))
    }

    /// The zone set to answer from; keep it for the whole query so one answer never mixes two sets.
    public var zoneSet: ZoneSet { current.load(ordering: .acquiring).zoneSet }

    /// Makes `zoneSet` the one every later query sees.
    public func publish(_ zoneSet: ZoneSet) {
        current.store(Slot(zoneSet), ordering: .releasing)
    }
}
