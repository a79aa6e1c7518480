/// What one cluster's pushes may hold, so that one cluster cannot fill gnsd's memory, state file
/// and listings; a push beyond any of them is a 422 `quota_exceeded` naming the field, and
/// changes nothing. The endpoints per cluster and per push are limited by the table and by
/// ``APISettings/maxEndpointsPerPush``.
///
/// The defaults are generous for real clusters: twice the services of a big Kubernetes cluster,
/// the longest Kubernetes label key, and regions and zones as long as a Kubernetes label value
/// (where the topology labels keep them).
///
/// ```swift
/// var quotas = ClusterQuotas()
/// quotas.servicesPerCluster = 50_000
/// ```
public struct ClusterQuotas: Sendable, Equatable {
    /// Services one cluster may export, counted after the push (a delta's upserts and removals
    /// included). Default 20,000.
    public var servicesPerCluster = 20_000
    /// Service IPs of one clusterSetIP export. Default 4 (Kubernetes gives a service at most 2).
    public var ipsPerExport = 4
    /// Ports of one export. Default 16.
    public var portsPerExport = 16
    /// Addresses of one endpoint. Default 4 (a Kubernetes endpoint uses 1).
    public var addressesPerEndpoint = 4
    /// Labels of one cluster. Default 64.
    public var labelsPerCluster = 64
    /// UTF-8 bytes of one label key. Default 317: a 253-byte prefix, `/` and a 63-byte name.
    public var labelKeyBytes = 317
    /// UTF-8 bytes of one label value. Default 256.
    public var labelValueBytes = 256
    /// UTF-8 bytes of the cluster's region. Default 63.
    public var regionBytes = 63
    /// UTF-8 bytes of a zone: the cluster's and each endpoint's. Default 63.
    public var zoneBytes = 63

    /// The defaults.
    public init() {}
}
