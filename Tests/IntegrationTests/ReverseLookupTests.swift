import Authority
import Foundation
import GNSDServer
import TestKit
import TestSupport
import Testing

/// PTR records (KEP-1645 §2.3.3, §2.4.3) as `dig -x` and `kdig -x` see them: gnsd serves the
/// shipped zones plus reverse zones for the service IPs (10.96/16), pod addresses (10/8, below
/// the service range's more specific zone) and IPv6 pods (fd00::/8), and the reverse zones
/// transfer with their PTR records.
@Suite(.serialized)
struct ReverseLookupTests {
    static func reverseZone(_ origin: String, extra: String = "") -> String {
        """
        $ORIGIN \(origin).
        $TTL 3600
        @     IN SOA ns1.clusterset.local. hostmaster.clusterset.local. 1 3600 600 1209600 30
        @     IN NS  ns1.clusterset.local.
        \(extra)
        """
    }

    /// The shipped zones and the reverse zones; 10.96.0.53 is pinned in the zone file.
    static func zones() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for zone in ["acme.local.zone", "clusterset.local.zone"] {
            try directory.write(zone, Repository.read("zones/\(zone)"))
        }
        try directory.write("96.10.in-addr.arpa.zone", reverseZone("96.10.in-addr.arpa", extra: "53.0 IN PTR gnsd.example."))
        try directory.write("10.in-addr.arpa.zone", reverseZone("10.in-addr.arpa"))
        try directory.write("d.f.ip6.arpa.zone", reverseZone("d.f.ip6.arpa"))
        return directory
    }

    static func configure(_ configuration: inout Configuration) {
        configuration.globalNamespaces = [
            GlobalNamespaceSettings(name: "acme", domain: "acme.local.", ttl: 5, members: [.init(namespace: "default")])
        ]
        var allow = TransferAllowSettings()
        allow.networks = [IPNetwork("127.0.0.0/8")!]
        configuration.transfer.allow = [allow]
    }

    /// aws-west and gcp-east export catalog (a service IP each) and the headless db (db-0 with a
    /// hostname, and an endpoint without one that has an IPv6 address too).
    static func push(_ server: RunningServer) async throws {
        for (cluster, octet) in [("aws-west", 1), ("gcp-east", 2)] {
            let body = """
                {"generation": 1, "exports": [
                  {"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["10.96.\(octet).1"], "ports": [],
                   "endpoints": [{"addresses": ["10.\(octet).0.1"], "ready": true}]},
                  {"namespace": "default", "name": "db", "type": "headless", "ports": [{"name": "pg", "port": 5432, "protocol": "TCP"}],
                   "endpoints": [{"addresses": ["10.\(octet).1.1"], "hostname": "db-0", "ready": true},
                                 {"addresses": ["10.\(octet).1.2", "fd00:\(octet)::2"], "ready": true}]}]}
                """
            let response = try await APIClient(port: server.apiPort).send("PUT", "/v1/clusters/\(cluster)/snapshot", json: body)
            #expect(response.status == 200, "\(response)")
        }
    }

    /// `client -x address` at gnsd.
    static func reverseLookup(_ client: DNSClient, port: Int, _ address: String) async throws -> DNSLookup {
        let output = try await ExternalCommand.run(client.rawValue, ["@127.0.0.1", "-p", "\(port)", "-x", address, "+time=3", "+nostats"])
        #expect(output.status == 0, "\(output.standardError)")
        return DNSLookup(parsing: output.standardOutput)
    }

    @Test func digAndKdigFindTheNamesOfServedAddresses() async throws {
        let zones = try Self.zones()
        defer { zones.remove() }
        try await withServer(zones: zones.path, adjust: Self.configure) { server in
            try await Self.push(server)
            let expected: [(String, [String])] = [
                ("10.96.1.1", ["catalog.default.svc.clusterset.local.", "catalog.acme.local."]),
                ("10.1.1.1", ["db-0.aws-west.db.default.svc.clusterset.local.", "db.acme.local."]),
                ("10.2.1.2", ["10-2-1-2.gcp-east.db.default.svc.clusterset.local.", "db.acme.local."]),
                ("fd00:1::2", ["fd00-1--2.aws-west.db.default.svc.clusterset.local.", "db.acme.local."]),
                ("10.96.0.53", ["gnsd.example."]),
            ]
            for (address, names) in expected {
                for client in [DNSClient.dig, .kdig] {
                    let lookup = try await Self.reverseLookup(client, port: server.port, address)
                    #expect(lookup.rcode == "NOERROR", "\(client) -x \(address): \(lookup)")
                    #expect(lookup.flags.contains("aa"), "\(lookup)")
                    #expect(Set(lookup.answer.map { String($0.split(separator: " ").last!) }) == Set(names), "\(client) -x \(address): \(lookup)")
                }
            }
            // A pod behind a service IP answers no name; a prefix of served addresses exists.
            let pod = try await Self.reverseLookup(.dig, port: server.port, "10.1.0.1")
            #expect(pod.rcode == "NXDOMAIN", "\(pod)")
            let prefix = try await DNSLookup.query(.dig, port: server.port, "1.96.10.in-addr.arpa", "PTR")
            #expect(prefix.rcode == "NOERROR" && prefix.answer.isEmpty && prefix.authority.count == 1, "\(prefix)")

            let axfr = try await ExternalCommand.run(
                "kdig", ["@127.0.0.1", "-p", "\(server.port)", "96.10.in-addr.arpa", "AXFR", "+time=3", "+retry=0"])
            let records = axfr.standardOutput.split(separator: "\n").filter { !$0.hasPrefix(";") && $0.contains("PTR") }
                .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            #expect(
                Set(records) == [
                    "53.0.96.10.in-addr.arpa. 3600 IN PTR gnsd.example.",
                    "1.1.96.10.in-addr.arpa. 5 IN PTR catalog.default.svc.clusterset.local.", "1.1.96.10.in-addr.arpa. 5 IN PTR catalog.acme.local.",
                    "1.2.96.10.in-addr.arpa. 5 IN PTR catalog.default.svc.clusterset.local.", "1.2.96.10.in-addr.arpa. 5 IN PTR catalog.acme.local.",
                ], "\(axfr.standardOutput)")
        }
    }
}
