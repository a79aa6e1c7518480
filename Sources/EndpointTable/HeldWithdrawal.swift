/// Withdrawals of one service's ready endpoints that the guard holds back: until `releaseAt`
/// the service is answered with these endpoints still ready, on top of what the agent exports.
public struct HeldWithdrawal: Hashable, Sendable {
    /// What the agent exports for the service now; `nil` when it withdrew the whole export.
    public var agentExport: ServiceExport?
    /// The export as it was answered before the withdrawal: gives the kind and ports when the
    /// agent withdrew the whole export.
    public var formerExport: ServiceExport
    /// The endpoints kept ready, as they were before their withdrawal.
    public var endpoints: [Endpoint]
    /// When the withdrawals apply unless released earlier, on the table's lease clock.
    public var releaseAt: Duration

    public init(agentExport: ServiceExport?, formerExport: ServiceExport, endpoints: [Endpoint], releaseAt: Duration) {
        self.agentExport = agentExport
        self.formerExport = formerExport
        self.endpoints = endpoints
        self.releaseAt = releaseAt
    }

    /// The export answered while the hold lasts: the agent's export (or the former one without
    /// its endpoints, when the agent withdrew it) with the held endpoints ready again.
    public var answeredExport: ServiceExport {
        let held = Set(endpoints.map(\.addresses))
        var export = agentExport ?? ServiceExport(key: formerExport.key, kind: formerExport.kind, ports: formerExport.ports, endpoints: [])
        export.endpoints = export.endpoints.filter { !held.contains($0.addresses) } + endpoints
        return export
    }

    /// The hold after the agent exports `export`: endpoints the agent reports ready again are
    /// no longer held; `nil` when none is left.
    func following(_ export: ServiceExport?) -> HeldWithdrawal? {
        let ready = export?.readyAddressSets ?? []
        var next = self
        next.agentExport = export
        next.endpoints.removeAll { ready.contains($0.addresses) }
        return next.endpoints.isEmpty ? nil : next
    }
}

extension ServiceExport {
    /// The address lists of the ready endpoints: an endpoint's identity for the withdrawal guard.
    public var readyAddressSets: Set<[IPAddress]> {
        Set(endpoints.lazy.filter(\.ready).map(\.addresses))
    }

    /// How many endpoints are ready.
    public var readyEndpointCount: Int {
        endpoints.count(where: \.ready)
    }
}
