internal import EndpointTable

/// KEP-1645 for named ports of a service reached through its own name (MCS clusterSetIP services
/// and global-namespace names, whose SRV records all aim at the service name): where exports give
/// one port name and protocol different numbers, the number of the export that ranks first
/// (live before stale, then the oldest, then the smaller cluster id) is the service's, and the
/// other exports answer that name without the port. Headless MCS services keep every cluster's
/// numbers, as their SRV records aim at single endpoints.
enum PortReconciliation {
    /// A port name over a protocol.
    private struct PortName: Hashable {
        let name: String
        let portProtocol: PortProtocol
    }

    /// The number a port name has for the service, and the candidate that set it.
    private struct Winner {
        let number: UInt16
        let cluster: ClusterID
        let rank: (Int, Duration, ClusterID)
    }

    /// `candidates` with each one's answered ports reconciled; the same array when no named port
    /// has two numbers (no work beyond one pass for a service exported by one cluster).
    static func reconciling(_ candidates: [ServiceCandidate]) -> [ServiceCandidate] {
        guard candidates.count > 1 else { return candidates }
        var winners: [PortName: Winner] = [:]
        var disagree = false
        for candidate in candidates where !candidate.isLeftOut {
            let rank = (candidate.lease == .live ? 0 : 1, candidate.firstExported, candidate.cluster)
            for port in candidate.export.ports {
                guard let name = port.name else { continue }
                let key = PortName(name: name, portProtocol: port.portProtocol)
                guard let current = winners[key] else {
                    winners[key] = Winner(number: port.port, cluster: candidate.cluster, rank: rank)
                    continue
                }
                disagree = disagree || current.number != port.port
                if rank < current.rank {
                    winners[key] = Winner(number: port.port, cluster: candidate.cluster, rank: rank)
                }
            }
        }
        guard disagree else { return candidates }
        return candidates.map { candidate in
            var reconciled = candidate
            for port in candidate.export.ports {
                guard let name = port.name, let winner = winners[PortName(name: name, portProtocol: port.portProtocol)],
                    winner.number != port.port
                else { continue }
                reconciled.answeredPorts.removeAll { $0 == port }
                reconciled.portConflicts.append(ServiceCandidate.PortConflict(port: port, number: winner.number, decidedBy: winner.cluster))
            }
            return reconciled
        }
    }
}
