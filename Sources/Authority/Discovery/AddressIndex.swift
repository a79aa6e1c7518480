internal import EndpointTable

/// The services whose exports hold each address (the service IP of a clusterSetIP export, the
/// endpoint address of a headless one, ready or not, in any cluster), and every such address
/// in order, so a reverse name costs a
/// dictionary lookup or a binary search.
///
/// Kept current like ``NamespaceIndex``: the first reverse query after a table change updates
/// the index with only the services the change can have touched.
final class AddressIndex: SnapshotIndex {
    /// The snapshot the index describes.
    let snapshot: TableSnapshot
    private let services: [IPAddress: Set<ServiceKey>]
    /// The keys of `services`, ascending.
    private let addresses: [IPAddress]

    /// The index of `snapshot`, built from every service.
    convenience init(snapshot: TableSnapshot) {
        var services: [IPAddress: Set<ServiceKey>] = [:]
        for (key, entry) in snapshot.services {
            for address in Self.addresses(of: entry) {
                services[address, default: []].insert(key)
            }
        }
        self.init(snapshot: snapshot, services: services, addresses: services.keys.sorted())
    }

    private init(snapshot: TableSnapshot, services: [IPAddress: Set<ServiceKey>], addresses: [IPAddress]) {
        self.snapshot = snapshot
        self.services = services
        self.addresses = addresses
    }

    /// The services exporting `address`, in order.
    func services(exporting address: IPAddress) -> [ServiceKey] {
        services[address].map { $0.sorted() } ?? []
    }

    /// True when an exported address begins with the digits of `prefix`.
    func containsAddress(beginningWith prefix: ReverseName) -> Bool {
        let lowest = prefix.lowestAddress
        var (low, high) = (0, addresses.count)
        while low < high {
            let middle = (low + high) / 2
            if addresses[middle] < lowest { low = middle + 1 } else { high = middle }
        }
        return low < addresses.count && prefix.isPrefix(of: addresses[low])
    }

    /// This index brought up to `newer`, looking again only at the services whose exports can
    /// differ in between (a lease or region change moves no address, so it costs only the
    /// services of that cluster, never a rebuild).
    func updated(to newer: TableSnapshot) -> AddressIndex {
        let changed = newer.servicesAffected(since: snapshot)
        var services = self.services
        var removed: Set<IPAddress> = []
        var added: Set<IPAddress> = []
        for key in changed {
            let before = snapshot.services[key].map(Self.addresses(of:)) ?? []
            let after = newer.services[key].map(Self.addresses(of:)) ?? []
            for address in before.subtracting(after) {
                services[address]?.remove(key)
                if services[address]?.isEmpty == true {
                    services[address] = nil
                    removed.insert(address)
                }
            }
            for address in after.subtracting(before) {
                if services[address] == nil { added.insert(address) }
                services[address, default: []].insert(key)
            }
        }
        let kept = removed.isEmpty ? addresses : addresses.filter { !removed.contains($0) }
        return AddressIndex(snapshot: newer, services: services, addresses: Self.merge(kept, added.subtracting(removed).sorted()))
    }

    /// Every address a name of the service can answer: the service IPs of clusterSetIP exports,
    /// the endpoint addresses of headless ones.
    static func addresses(of entry: ServiceEntry) -> Set<IPAddress> {
        var addresses: Set<IPAddress> = []
        for export in entry.exports.values {
            switch export.kind {
            case .clusterSetIP(let serviceIPs): addresses.formUnion(serviceIPs)
            case .headless: addresses.formUnion(export.endpoints.lazy.flatMap(\.addresses))
            }
        }
        return addresses
    }

    /// Two ascending arrays as one.
    private static func merge(_ left: [IPAddress], _ right: [IPAddress]) -> [IPAddress] {
        guard !right.isEmpty else { return left }
        var merged: [IPAddress] = []
        merged.reserveCapacity(left.count + right.count)
        var (i, j) = (0, 0)
        while i < left.count, j < right.count {
            if left[i] < right[j] {
                merged.append(left[i])
                i += 1
            } else {
                merged.append(right[j])
                j += 1
            }
        }
        return merged + left[i...] + right[j...]
    }
}
