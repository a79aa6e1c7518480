/// The rules an exported service follows wherever it is written down: a push API body (checked
/// by `PushAPI`) or the agent's exports file (checked by `GNSAgent`). Each rule returns what it
/// checked or throws an ``ExportRuleViolation`` saying why not; the push API answers it with a
/// 422 at the member's field path, the agent with the member's line and path in the file.
///
///     let number = try ExportRules.portNumber(70000)   // throws "must be from 1 to 65535"
public enum ExportRules {
    /// `text`, if it is an RFC 1123 label (namespaces, names, port names, hostnames).
    public static func label(_ text: String) throws(ExportRuleViolation) -> String {
        guard DNSLabel.isValid(text) else { throw ExportRuleViolation(DNSLabel.rule, given: text) }
        return text
    }

    /// The IPv4 or IPv6 address `text`.
    public static func address(_ text: String) throws(ExportRuleViolation) -> IPAddress {
        guard let address = IPAddress(text) else { throw ExportRuleViolation("must be an IPv4 or IPv6 address", given: text) }
        return address
    }

    /// Checks that a list of addresses holds at least one (`count`).
    public static func nonEmptyAddresses(count: Int) throws(ExportRuleViolation) {
        guard count > 0 else { throw ExportRuleViolation("must hold at least one address") }
    }

    /// The type `text` names, for an export that lists `ipCount` service IPs: a clusterSetIP
    /// export needs at least one, a headless one has none. A violation about the IPs is placed
    /// at the `ips` member (``ExportRuleViolation/member``), one about the name at `type`.
    public static func exportType(_ text: String, ipCount: Int) throws(ExportRuleViolation) -> ExportType {
        guard let type = ExportType(rawValue: text) else {
            throw ExportRuleViolation("must be \(ExportType.clusterSetIP.rawValue) or \(ExportType.headless.rawValue)", given: text, member: "type")
        }
        switch type {
        case .clusterSetIP where ipCount == 0:
            throw ExportRuleViolation("a clusterSetIP export needs at least one service IP", member: "ips")
        case .headless where ipCount > 0:
            throw ExportRuleViolation("a headless export has no service IPs", member: "ips")
        default:
            return type
        }
    }

    /// The port number `value`: 1 to 65535.
    public static func portNumber(_ value: Int) throws(ExportRuleViolation) -> UInt16 {
        try number(value, in: 1...UInt16.max)
    }

    /// The protocol `text` names in upper case, as Kubernetes does: `TCP`, `UDP` or `SCTP`.
    public static func portProtocol(_ text: String) throws(ExportRuleViolation) -> PortProtocol {
        guard let portProtocol = PortProtocol(apiName: text) else { throw ExportRuleViolation("must be TCP, UDP or SCTP", given: text) }
        return portProtocol
    }

    /// An endpoint's relative weight `value`: 0 to 65535.
    public static func weight(_ value: Int) throws(ExportRuleViolation) -> UInt16 {
        try number(value, in: 0...UInt16.max)
    }

    private static func number(_ value: Int, in range: ClosedRange<UInt16>) throws(ExportRuleViolation) -> UInt16 {
        guard let number = UInt16(exactly: value), range.contains(number) else {
            throw ExportRuleViolation("must be from \(range.lowerBound) to \(range.upperBound)", given: value)
        }
        return number
    }
}
