public import Authority
public import DNSWire

/// Who may transfer which zones: a request is allowed when one rule matches its zone, its source
/// address and its key, as Knot's and BIND's access lists decide.
public struct TransferAccess: Sendable {
    /// One allowance.
    public struct Rule: Hashable, Sendable {
        /// The source networks the rule covers; empty covers every address.
        public var networks: [IPNetwork]
        /// The key a request must be signed with; `nil` lets unsigned requests through (and
        /// signed ones, whose signature has been checked already).
        public var key: DomainName?
        /// The zones the rule covers; empty covers every zone.
        public var zones: [DomainName]

        public init(networks: [IPNetwork] = [], key: DomainName? = nil, zones: [DomainName] = []) {
            self.networks = networks
            self.key = key
            self.zones = zones
        }
    }

    public var rules: [Rule]

    /// No rules refuse every transfer.
    public init(rules: [Rule] = []) {
        self.rules = rules
    }

    /// True when a transfer of `zone` from `address` (4 or 16 bytes), signed with `key` (already
    /// verified) or unsigned, is allowed.
    public func allows(_ zone: DomainName, from address: [UInt8], key: DomainName?) -> Bool {
        rules.contains { rule in
            (rule.zones.isEmpty || rule.zones.contains(zone))
                && (rule.networks.isEmpty || rule.networks.contains { $0.contains(address) })
                && (rule.key == nil || rule.key == key)
        }
    }
}
