public import APIBodies
public import EndpointTable
public import ServerTLS

/// The metrics the push API is handed by whoever owns them (gnsd's `GNSDMetrics`): it counts each
/// write there and serves, on `GET /metrics`, the exposition they render.
public protocol PushAPIMetrics: Sendable {
    /// Counts one push of `kind` that ended with `result`: `accepted` or an error code.
    func recordPush(kind: PushKind, result: String)

    /// Counts one API request to `route` (a path template) with `method` that ended with
    /// `status` after `duration`.
    func recordRequest(route: String, method: String, status: Int, duration: Duration)

    /// Counts one TLS handshake on `listener` (`api`) that failed for `reason`.
    func recordHandshakeFailure(listener: String, reason: TLSHandshakeFailure)

    /// The Prometheus text exposition of every metric, with the table's gauges set from
    /// `snapshot` and each cluster's lease gauges from the lease clock's `leaseTime`.
    func exposition(table snapshot: TableSnapshot, leaseTime: Duration?) -> [UInt8]

    /// DNS queries answered and pushes accepted: totals and their rates over the last minute.
    func activity() -> (queries: ServerStatus.Activity, pushes: ServerStatus.Activity)
}
