internal import DNSWire
internal import EndpointTable

extension Endpoint {
    /// The endpoint's names under `<clusterid>.<svc>.<ns>.svc.<clusterset>` and the addresses each
    /// answers: its hostname with all its addresses, or without one the system-assigned
    /// identifier of each address (KEP-1645 §2.1), such as `10-244-1-11` or `fd00-1--b`.
    var hosts: [(name: String, addresses: [IPAddress])] {
        if let hostname {
            return [(hostname, addresses)]
        }
        return addresses.map { (Self.identifier(of: $0), [$0]) }
    }

    /// The addresses the endpoint answers under `host`: every address for `nil`, else those of
    /// the host of that name.
    func addresses(ofHost host: String?) -> [IPAddress] {
        guard let host else { return addresses }
        return addresses.filter { answers($0, asHost: host) }
    }

    /// True when `host` is one of the endpoint's names (see ``hosts``).
    func hasHost(_ host: String) -> Bool {
        addresses.contains { answers($0, asHost: host) }
    }

    /// True when the endpoint's `address` answers under the name `host`: the hostname names every
    /// address, an identifier only its own.
    private func answers(_ address: IPAddress, asHost host: String) -> Bool {
        hostname.map { $0 == host } ?? (Self.identifier(of: address) == host)
    }

    /// The address with `.` and `:` as `-`; an IPv6 address beginning or ending with `::` gets a
    /// `0` there, so the identifier is a valid label.
    static func identifier(of address: IPAddress) -> String {
        var text = address.description
        if text.hasPrefix(":") {
            text = "0" + text
        }
        if text.hasSuffix(":") {
            text += "0"
        }
        return String(text.map { $0 == "." || $0 == ":" ? "-" : $0 })
    }

    /// The endpoint's names in `cluster` under the service name `owner`
    /// (`<host>.<clusterid>.<owner>`), each with the addresses it answers; a host whose name would
    /// make no valid domain name is left out.
    func hostNames(in cluster: ClusterID, under owner: DomainName) -> [(name: DomainName, addresses: [IPAddress])] {
        hosts.compactMap { host in owner.prepending(labels: host.name, cluster.name).map { ($0, host.addresses) } }
    }
}
