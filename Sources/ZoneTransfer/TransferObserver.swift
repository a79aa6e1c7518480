public import DNSWire

/// How a transfer request was answered, for metrics and logs.
public enum TransferOutcome: String, Sendable, CaseIterable {
    /// AXFR, or IXFR answered with the whole zone.
    case full
    /// IXFR answered with differences.
    case incremental
    /// IXFR from the current serial: the SOA alone.
    case upToDate = "up_to_date"
    /// Not allowed by `transfer.allow`.
    case refused
    /// A signature that did not verify (BADKEY, BADSIG, BADTIME).
    case badSignature = "bad_signature"
    /// A zone gnsd does not serve.
    case notAuthoritative = "not_authoritative"
    /// A request that could not be read.
    case malformed
}

/// Sees every transfer request and NOTIFY, for metrics. Called from the threads transfers and
/// NOTIFYs run on, so implementations must be thread-safe.
public protocol TransferObserver: Sendable {
    /// A transfer request of `zone` (`nil` when unreadable) from `peer` (the key name when signed,
    /// else the address) answered as `outcome` with `messages` messages of `bytes` bytes in all.
    func observeTransfer(zone: DomainName?, peer: String, outcome: TransferOutcome, messages: Int, bytes: Int)
    /// A NOTIFY of `zone` to `target`: sent (a first attempt or a retry), acknowledged, or given up on.
    func observeNotify(zone: DomainName, target: String, event: NotifyEvent)
    /// The depth of each zone's journal after a change.
    func observeJournal(_ depths: [TransferJournal.Depth])
}

/// What happened to one NOTIFY.
public enum NotifyEvent: String, Sendable, CaseIterable {
    case sent
    case acknowledged
    case failed
}
