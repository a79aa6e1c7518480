import Foundation
public import GNSModel

/// A typed client of gnsd's push API, for cluster agents and operators.
///
/// Each value keeps one HTTP client with its connections alive; call ``shutdown()`` when done
/// (AsyncHTTPClient stops a debug build that releases a client without it). A refused
/// connection fails at once, so callers choose their own retries.
///
///     let client = try GNSClient(server: "http://127.0.0.1:8053", token: token)
///     let result = try await client.putSnapshot(cluster: id, SnapshotBody(generation: 1, cluster: info, exports: exports))
///     await client.shutdown()
///
/// Every call throws ``GNSClientError``: `.api` for a refusal by gnsd, `.transport` when gnsd
/// cannot be reached or does not answer within the timeout.
public final class GNSClient: Sendable {
    /// The server as given, without a trailing `/`, such as `http://127.0.0.1:8053`.
    public let server: String
    let transport: HTTPTransport

    /// A client of the gnsd at `server` (`http://` or `https://`), sending `token` as a bearer
    /// token when given; each request fails with `.transport` after `timeout`.
    /// - Parameters:
    ///   - tls: for an `https://` server, the CA to trust and the client certificate for mutual TLS.
    ///   - allowsPlaintextToken: send `token` to an `http://` server beyond loopback, where it
    ///     crosses the network in clear text; refused (`.plaintextToken`) otherwise.
    public init(
        server: String, token: String? = nil, tls: ClientTLS = ClientTLS(), allowsPlaintextToken: Bool = false,
        timeout: Duration = .seconds(10)
    ) throws(GNSClientError) {
        guard let components = URLComponents(string: server), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, timeout > .zero
        else {
            throw .invalidServer(server)
        }
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        if scheme == "http" {
            guard tls.isEmpty else { throw .invalidTLS("TLS files are given but \(self.server) is http://") }
            guard token == nil || allowsPlaintextToken || Self.isLoopback(host) else { throw .plaintextToken(server: self.server) }
        }
        transport = try HTTPTransport(server: self.server, token: token, tls: scheme == "https" ? tls : nil, timeout: timeout)
    }

    /// Whether `host` (a name or an IP literal, IPv6 with or without brackets) is this machine.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" || bare == "::1" {
            return true
        }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { UInt8($0) != nil } && octets.first == "127"
    }

    /// Closes the connections. Call it once, after the last request.
    public func shutdown() async {
        await transport.shutdown()
    }

    /// `PUT /v1/clusters/{cluster}/snapshot`: replaces everything `cluster` exports.
    public func putSnapshot(cluster: ClusterID, _ snapshot: SnapshotBody) async throws(GNSClientError) -> PushResult {
        try await transport.call(.PUT, "/v1/clusters/\(cluster)/snapshot", body: snapshot)
    }

    /// `PATCH /v1/clusters/{cluster}/exports`: applies `delta` against the current generation.
    public func applyDelta(cluster: ClusterID, _ delta: DeltaBody) async throws(GNSClientError) -> PushResult {
        try await transport.call(.PATCH, "/v1/clusters/\(cluster)/exports", body: delta)
    }

    /// `POST /v1/clusters/{cluster}/heartbeat`: renews the cluster's lease.
    public func heartbeat(cluster: ClusterID) async throws(GNSClientError) -> PushResult {
        try await transport.call(.POST, "/v1/clusters/\(cluster)/heartbeat")
    }

    /// `DELETE /v1/clusters/{cluster}`: forgets the cluster and everything it exports (admin only).
    public func deleteCluster(_ cluster: ClusterID) async throws(GNSClientError) {
        try await transport.exchange(.DELETE, "/v1/clusters/\(cluster)")
    }

    /// `POST /v1/clusters/{cluster}/release`: applies the withdrawals the guard holds for
    /// `cluster` at once (admin only).
    public func releaseWithdrawals(of cluster: ClusterID) async throws(GNSClientError) -> PushResult {
        try await transport.call(.POST, "/v1/clusters/\(cluster)/release")
    }

    /// `GET /v1/clusters`: every cluster with its lease, ordered by id.
    public func clusters() async throws(GNSClientError) -> ClusterList {
        try await transport.call(.GET, "/v1/clusters")
    }

    /// `GET /v1/clusters/{cluster}/exports`: what `cluster` exports, as pushed.
    public func exports(of cluster: ClusterID) async throws(GNSClientError) -> ClusterExports {
        try await transport.call(.GET, "/v1/clusters/\(cluster)/exports")
    }

    /// `GET /v1/services`: every service merged over the clusters exporting it.
    public func services() async throws(GNSClientError) -> ServiceList {
        try await transport.call(.GET, "/v1/services")
    }

    /// `GET /v1/explain`: what DNS answers for `name` and `type` (a mnemonic such as `A` or
    /// `SRV`, or `TYPEnnn`) to a client at `client`, and why.
    public func explain(name: String, type: String = "A", client: IPAddress? = nil) async throws(GNSClientError) -> Explanation {
        var query = [URLQueryItem(name: "name", value: name), URLQueryItem(name: "type", value: type)]
        if let client {
            query.append(URLQueryItem(name: "client", value: client.description))
        }
        return try await transport.call(.GET, "/v1/explain", query: query)
    }

    /// `GET /v1/audit`: the audit trail's newest `limit` records of `cluster` (all when `nil`)
    /// from `since` to `until` (RFC 3339 times), oldest first, with the heartbeat counts; admin only.
    public func audit(
        cluster: ClusterID? = nil, since: String? = nil, until: String? = nil, limit: Int? = nil
    ) async throws(GNSClientError)
        -> AuditLog
    {
        let query = [
            cluster.map { URLQueryItem(name: "cluster", value: $0.name) }, since.map { URLQueryItem(name: "since", value: $0) },
            until.map { URLQueryItem(name: "until", value: $0) }, limit.map { URLQueryItem(name: "limit", value: "\($0)") },
        ].compactMap { $0 }
        return try await transport.call(.GET, "/v1/audit", query: query)
    }

    /// `GET /v1/status`: version, uptime, zones, the last zone reload, clusters by lease state and rates.
    public func status() async throws(GNSClientError) -> ServerStatus {
        try await transport.call(.GET, "/v1/status")
    }

    /// `GET /version`: the server's version; needs no token.
    public func version() async throws(GNSClientError) -> VersionInfo {
        try await transport.call(.GET, "/version")
    }

    /// `GET /healthz`: returns when the gnsd process answers.
    public func healthz() async throws(GNSClientError) {
        try await transport.exchange(.GET, "/healthz")
    }

    /// `GET /readyz`: true once gnsd serves DNS, false while it answers 503 `not_ready`.
    public func readyz() async throws(GNSClientError) -> Bool {
        do throws(GNSClientError) {
            try await transport.exchange(.GET, "/readyz")
            return true
        } catch .api(let failure) where failure.code == "not_ready" {
            return false
        }
    }
}
