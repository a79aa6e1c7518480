import EndpointTable
import Testing

/// The export rules the push API and the agent's exports file share: what each accepts, and
/// the reason, given value and member of each violation.
struct ExportRulesTests {
    static func violation(_ rule: () throws(ExportRuleViolation) -> some Any) -> ExportRuleViolation? {
        do {
            _ = try rule()
            return nil
        } catch {
            return error
        }
    }

    @Test func acceptedValues() throws {
        #expect(try ExportRules.label("web-0") == "web-0")
        #expect(try ExportRules.address("10.1.0.1") == IPAddress("10.1.0.1"))
        #expect(try ExportRules.exportType("clusterSetIP", ipCount: 1) == .clusterSetIP)
        #expect(try ExportRules.exportType("headless", ipCount: 0) == .headless)
        #expect(try ExportRules.portNumber(1) == 1)
        #expect(try ExportRules.portNumber(65535) == 65535)
        #expect(try ExportRules.portProtocol("SCTP") == .sctp)
        #expect(try ExportRules.weight(0) == 0)
        try ExportRules.nonEmptyAddresses(count: 1)
    }

    @Test(arguments: [
        (violation { () throws(ExportRuleViolation) in try ExportRules.label("Web_0") }, "\(DNSLabel.rule), got \"Web_0\"", nil),
        (
            violation { () throws(ExportRuleViolation) in try ExportRules.address("10.0.0.300") },
            "must be an IPv4 or IPv6 address, got \"10.0.0.300\"", nil
        ),
        (violation { () throws(ExportRuleViolation) in try ExportRules.nonEmptyAddresses(count: 0) }, "must hold at least one address", nil),
        (
            violation { () throws(ExportRuleViolation) in try ExportRules.exportType("nodePort", ipCount: 0) },
            "must be clusterSetIP or headless, got \"nodePort\"", "type"
        ),
        (
            violation { () throws(ExportRuleViolation) in try ExportRules.exportType("clusterSetIP", ipCount: 0) },
            "a clusterSetIP export needs at least one service IP", "ips"
        ),
        (
            violation { () throws(ExportRuleViolation) in try ExportRules.exportType("headless", ipCount: 1) },
            "a headless export has no service IPs", "ips"
        ),
        (violation { () throws(ExportRuleViolation) in try ExportRules.portNumber(0) }, "must be from 1 to 65535, got 0", nil),
        (violation { () throws(ExportRuleViolation) in try ExportRules.portNumber(70000) }, "must be from 1 to 65535, got 70000", nil),
        (violation { () throws(ExportRuleViolation) in try ExportRules.portProtocol("tcp") }, "must be TCP, UDP or SCTP, got \"tcp\"", nil),
        (violation { () throws(ExportRuleViolation) in try ExportRules.weight(-1) }, "must be from 0 to 65535, got -1", nil),
    ])
    func violations(_ found: ExportRuleViolation?, _ message: String, _ member: String?) throws {
        let violation = try #require(found)
        #expect(violation.withGiven == message)
        #expect(violation.member == member)
    }
}
