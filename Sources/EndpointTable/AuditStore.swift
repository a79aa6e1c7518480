public import Foundation

/// Where the push API's audit trail is kept across restarts: each record as opaque JSON text
/// with its sequence number and time. Implementations make each call atomic.
public protocol AuditStore: Sendable {
    /// The newest records not older than `since`, at most `limit`, oldest first.
    func loadAudit(limit: Int, since: Date) throws -> [StoredAuditRecord]
    /// Appends `records` and forgets every record but the newest `keep` not older than `since`.
    func appendAudit(_ records: [StoredAuditRecord], keep: Int, since: Date) throws
}

/// One audit record as an ``AuditStore`` keeps it.
public struct StoredAuditRecord: Hashable, Sendable {
    public var sequence: UInt64
    public var time: Date
    /// The record as JSON.
    public var json: String

    public init(sequence: UInt64, time: Date, json: String) {
        self.sequence = sequence
        self.time = time
        self.json = json
    }
}
