/// The body of `GET /v1/status` (the OpenAPI `ServerStatus` schema): what `gnsctl status` shows.
public struct ServerStatus: Codable, Hashable, Sendable {
    /// gnsd's version, as `gnsd --version` prints it.
    public var version: String
    public var uptimeSeconds: Double
    /// The zones served, ordered by name.
    public var zones: [ZoneStatus]
    /// The last reload of the zone directory since start; absent before any.
    public var lastZoneReload: ZoneReload?
    /// Clusters by lease state.
    public var clusters: ClusterCounts
    /// Services exported by at least one cluster.
    public var services: Int
    /// Endpoints over all clusters.
    public var endpoints: Int
    /// DNS queries answered.
    public var queries: Activity
    /// Writes the push API accepted (snapshots, deltas, heartbeats, deletions, releases).
    public var pushes: Activity

    /// A status with every member given.
    public init(
        version: String, uptimeSeconds: Double, zones: [ZoneStatus], lastZoneReload: ZoneReload?, clusters: ClusterCounts, services: Int,
        endpoints: Int, queries: Activity, pushes: Activity
    ) {
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.zones = zones
        self.lastZoneReload = lastZoneReload
        self.clusters = clusters
        self.services = services
        self.endpoints = endpoints
        self.queries = queries
        self.pushes = pushes
    }

    /// One zone gnsd serves.
    public struct ZoneStatus: Codable, Hashable, Sendable {
        /// The zone's name, fully qualified: `acme.local.`.
        public var name: String
        public var serial: UInt32
        /// Records in the zone file.
        public var records: Int
        /// True for the clusterset domain and global-namespace domains, whose names come from pushes.
        public var dynamic: Bool

        public init(name: String, serial: UInt32, records: Int, dynamic: Bool) {
            self.name = name
            self.serial = serial
            self.records = records
            self.dynamic = dynamic
        }
    }

    /// How a reload of the zone directory ended.
    public struct ZoneReload: Codable, Hashable, Sendable {
        /// When it ended (RFC 3339, UTC).
        public var time: String
        /// `loaded`, or `failed` (the previous zones are still served).
        public var result: String
        /// Why it failed: the file, line and reason.
        public var error: String?

        public init(time: String, result: String, error: String? = nil) {
            self.time = time
            self.result = result
            self.error = error
        }
    }

    /// How many clusters are in each lease state.
    public struct ClusterCounts: Codable, Hashable, Sendable {
        public var live: Int
        public var stale: Int
        public var expired: Int

        public init(live: Int, stale: Int, expired: Int) {
            self.live = live
            self.stale = stale
            self.expired = expired
        }
    }

    /// A count since start and its rate over the last minute.
    public struct Activity: Codable, Hashable, Sendable {
        public var total: UInt64
        /// Per second over the last minute (over the uptime while shorter).
        public var perSecond: Double

        public init(total: UInt64, perSecond: Double) {
            self.total = total
            self.perSecond = perSecond
        }
    }
}

/// The body of `GET /version`: gnsd's version, `{"version":"0.1.0"}`.
public struct VersionInfo: Codable, Hashable, Sendable {
    public var version: String

    public init(version: String) {
        self.version = version
    }
}
