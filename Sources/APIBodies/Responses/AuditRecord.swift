/// One write to the push API as the audit trail records it (the OpenAPI `AuditRecord` schema):
/// who asked what of which cluster, and what came of it.
public struct AuditRecord: Codable, Hashable, Sendable {
    /// Numbers the records in order, continuing across restarts.
    public var sequence: UInt64
    /// When gnsd answered, RFC 3339 in UTC with milliseconds.
    public var time: String
    /// `snapshot`, `delta`, `heartbeat`, `delete` or `release`.
    public var action: String
    /// The cluster in the request's path, when it is a valid cluster id.
    public var cluster: String?
    /// Who asked and with which credential: `cluster aws-west by bearer token`,
    /// `admin by client certificate ops.acme.example`, `unknown by bearer token`.
    public var caller: String
    /// `accepted` or `refused`.
    public var result: String
    /// The HTTP status answered.
    public var status: Int
    /// The error code of a refusal.
    public var error: String?
    /// The message of a refusal.
    public var message: String?
    /// The cluster's generation before the write.
    public var previousGeneration: UInt64?
    /// The cluster's generation after an accepted write.
    public var generation: UInt64?
    /// What an accepted write changed.
    public var summary: AuditSummary?

    /// A record with every member given.
    public init(
        sequence: UInt64, time: String, action: String, cluster: String?, caller: String, result: String, status: Int, error: String? = nil,
        message: String? = nil, previousGeneration: UInt64? = nil, generation: UInt64? = nil, summary: AuditSummary? = nil
    ) {
        self.sequence = sequence
        self.time = time
        self.action = action
        self.cluster = cluster
        self.caller = caller
        self.result = result
        self.status = status
        self.error = error
        self.message = message
        self.previousGeneration = previousGeneration
        self.generation = generation
        self.summary = summary
    }
}

/// What one accepted write changed in its cluster's exports (the OpenAPI `AuditSummary` schema).
public struct AuditSummary: Codable, Hashable, Sendable {
    /// Services the cluster started exporting, as `namespace/name`, at most ``maxNamesListed``.
    public var servicesAdded: [String]
    /// Services it stopped exporting.
    public var servicesRemoved: [String]
    /// Services whose export changed.
    public var servicesChanged: [String]
    /// Service names beyond ``maxNamesListed`` in any of the three lists, counted only.
    public var servicesNotListed: Int
    /// Endpoints ready after the write that were not before.
    public var endpointsMadeReady: Int
    /// Endpoints ready before the write that are not (or are gone) after it.
    public var endpointsMadeUnready: Int
    /// Endpoints whose withdrawal the guard started holding.
    public var withdrawalsHeld: Int
    /// Endpoints whose held withdrawal ended (applied, or the agent took it back).
    public var holdsEnded: Int

    /// The most service names each list holds.
    public static let maxNamesListed = 20

    /// A summary with every member given.
    public init(
        servicesAdded: [String] = [], servicesRemoved: [String] = [], servicesChanged: [String] = [], servicesNotListed: Int = 0,
        endpointsMadeReady: Int = 0, endpointsMadeUnready: Int = 0, withdrawalsHeld: Int = 0, holdsEnded: Int = 0
    ) {
        self.servicesAdded = servicesAdded
        self.servicesRemoved = servicesRemoved
        self.servicesChanged = servicesChanged
        self.servicesNotListed = servicesNotListed
        self.endpointsMadeReady = endpointsMadeReady
        self.endpointsMadeUnready = endpointsMadeUnready
        self.withdrawalsHeld = withdrawalsHeld
        self.holdsEnded = holdsEnded
    }
}

/// The body of `GET /v1/audit` (the OpenAPI `AuditLog` schema): the records asked for, oldest
/// first, and the heartbeats counted per cluster since gnsd started.
public struct AuditLog: Codable, Hashable, Sendable {
    public var records: [AuditRecord]
    public var heartbeats: [HeartbeatCount]

    public init(records: [AuditRecord], heartbeats: [HeartbeatCount]) {
        self.records = records
        self.heartbeats = heartbeats
    }
}

/// The accepted heartbeats of one cluster since gnsd started, which the trail counts instead of
/// recording each (the OpenAPI `HeartbeatCount` schema).
public struct HeartbeatCount: Codable, Hashable, Sendable {
    public var cluster: String
    public var count: UInt64
    /// When the last one came, RFC 3339 in UTC.
    public var last: String

    public init(cluster: String, count: UInt64, last: String) {
        self.cluster = cluster
        self.count = count
        self.last = last
    }
}
