internal import DNSWire
internal import EndpointTable

/// One cluster's export considered for a dynamic name, and what the health rules made of it.
struct ServiceCandidate {
    /// Whether the candidate's endpoints are answered, and if not, why.
    enum Status: Hashable {
        /// Pending the health rules, or answered: live with something for the name.
        case included
        /// Answered although stale, because no live cluster has anything for the name.
        case failStatic
        /// The export's kind differs from the service's, which ``kindDecision`` sets.
        case conflictingKind
        case noReadyEndpoints
        /// Ready endpoints, but none for this name (the port or hostname is not exported there).
        case nothingForName
        /// Stale while live clusters answer.
        case staleBehindLive
        /// The lease expired and the expired policy withdraws the export.
        case withdrawnExpired
        /// The export's visibility leaves out the client asking.
        case notVisible
    }

    /// A named port of the export whose number another export sets for the service.
    struct PortConflict {
        let port: ServicePort
        /// The service's number for the port name.
        let number: UInt16
        /// The cluster whose export sets it.
        let decidedBy: ClusterID
    }

    let cluster: ClusterID
    let namespace: String
    let export: ServiceExport
    let lease: LeaseState
    let region: String?
    /// When the cluster started exporting the service, on the table's export clock.
    let firstExported: Duration
    var status: Status
    /// The export that sets the service's kind, for a candidate left out as conflicting.
    let kindDecision: KindDecision?
    /// The ports the candidate answers SRV names with: the export's, less those in ``portConflicts``.
    var answeredPorts: [ServicePort]
    /// The export's named ports left out because another export sets another number for their name.
    var portConflicts: [PortConflict] = []

    init(cluster: ClusterID, export: ServiceExport, snapshot: TableSnapshot, status: Status = .included, kindDecision: KindDecision? = nil) {
        let state = snapshot.clusters[cluster]
        self.cluster = cluster
        self.namespace = export.key.namespace
        self.export = export
        self.lease = state?.lease ?? .stale
        self.region = state?.info.region
        self.firstExported = snapshot.services[export.key]?.firstExport(by: cluster) ?? .zero
        self.status = status
        self.kindDecision = kindDecision
        self.answeredPorts = export.ports
    }

    /// True when the health rules let the candidate's records into the answer.
    var isIncluded: Bool { status == .included || status == .failStatic }

    /// True when the export counts for nothing under the name: its kind conflicts with the
    /// service's, its cluster expired and the policy withdraws it, or the client may not see it.
    var isLeftOut: Bool { status == .conflictingKind || status == .withdrawnExpired || status == .notVisible }

    var readyCount: Int { export.readyEndpointCount }

    /// The sum of the ready endpoints' weights: the cluster's weight behind a service IP.
    var readyWeight: UInt64 { export.endpoints.reduce(0) { $1.ready ? $0 + UInt64($1.weight) : $0 } }

    var isHeadless: Bool { export.kind.isHeadless }

    /// True when the candidate answers the named port `name` over `portProtocol`.
    func hasPort(named name: String, _ portProtocol: PortProtocol) -> Bool {
        answeredPorts.contains { $0.name == name && $0.portProtocol == portProtocol }
    }

    /// The answered ports `ports` selects.
    func matchingPorts(_ ports: PortSelection) -> [ServicePort] {
        answeredPorts.filter(ports.matches)
    }

    /// The per-endpoint names of the export's ready endpoints under the service name `owner`,
    /// each with the addresses it answers (see ``Endpoint/hostNames(in:under:)``).
    func readyHostNames(under owner: DomainName) -> [(name: DomainName, addresses: [IPAddress])] {
        export.endpoints.filter(\.ready).flatMap { $0.hostNames(in: cluster, under: owner) }
    }

    /// True when the export has a ready endpoint; with `host`, one of that name (its hostname or
    /// the system-assigned identifier of one of its addresses, see ``Endpoint/hosts``).
    func hasReadyHost(_ host: String? = nil) -> Bool {
        guard let host else { return export.endpoints.contains(where: \.ready) }
        return export.endpoints.contains { $0.ready && $0.hasHost(host) }
    }

    /// ``reason`` in a few words, for the text of an extended DNS error.
    var shortReason: String {
        switch status {
        case .included: "live"
        case .failStatic: "lease lapsed, answered (fail static)"
        case .conflictingKind: "exported with another kind"
        case .noReadyEndpoints: "no ready endpoint"
        case .nothingForName: "nothing for this name"
        case .staleBehindLive: "lease lapsed"
        case .withdrawnExpired: "lease expired, withdrawn"
        case .notVisible: "not visible to this client"
        }
    }

    /// What the safety policies do to the candidate in `snapshot`, in words for explanations;
    /// `nil` when nothing.
    func policyNotes(in snapshot: TableSnapshot) -> [String]? {
        guard let state = snapshot.clusters[cluster] else { return nil }
        var notes: [String] = []
        if state.heldUntil != nil {
            notes.append("its lease lapsed repeatedly: damping holds it stale until it has kept renewing for leases.damping.hold")
        }
        if let held = state.heldWithdrawals[export.key] {
            let withdrawals =
                held.endpoints.count == 1
                ? "1 of its ready endpoints is a withdrawal" : "\(held.endpoints.count) of its ready endpoints are withdrawals"
            notes.append(withdrawals + " the guard holds: answered until the hold ends or an operator releases it")
        }
        return notes.isEmpty ? nil : notes
    }

    /// Why the candidate is or is not answered, in words for explanations.
    var reason: String {
        switch status {
        case .included: "live with ready endpoints"
        case .failStatic: "lease stale, answered because no live cluster has anything for this name (fail static)"
        case .conflictingKind:
            if let kindDecision {
                "exported as \(export.kind.name), but cluster \(kindDecision.cluster) sets the service's kind to \(kindDecision.kind.name): "
                    + "\(kindDecision.ground) (KEP-1645: the oldest export wins; the smaller cluster id between exports as old)"
            } else {
                "exported with another kind than the service's"
            }
        case .noReadyEndpoints: "no ready endpoint"
        case .nothingForName:
            "ready endpoints, but none for this name"
                + portConflicts.map { conflict in
                    "; port \(conflict.port.name ?? "")/\(conflict.port.portProtocol.rawValue) is \(conflict.port.port) here, "
                        + "but \(conflict.number) for the service, set by cluster \(conflict.decidedBy)'s export (KEP-1645: the oldest export wins)"
                }.joined()
        case .staleBehindLive: "lease stale while live clusters answer"
        case .withdrawnExpired: "lease expired (stale for longer than leases.expire-after); the expired policy withdraws its exports"
        case .notVisible:
            "the export is visible only to "
                + [
                    export.visibility?.clusters.isEmpty == false ? "clusters " + (export.visibility?.clusters ?? []).joined(separator: ", ") : nil,
                    export.visibility?.labels.isEmpty == false
                        ? "clusters labelled "
                            + (export.visibility?.labels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                            .joined(separator: ",") : nil,
                    "cluster \(cluster)",
                ].compactMap { $0 }.joined(separator: " or ")
                + ", and the client is not placed in one of them (answers.unplaced-clients for clients in no cluster)"
        }
    }
}
