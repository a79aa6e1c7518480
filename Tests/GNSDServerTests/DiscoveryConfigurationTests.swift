import Foundation
import GNSDServer
import Logging
import TestKit
import TestSupport
import Testing

/// The push API, state, lease, answer, cluster and global-namespace settings: parsing,
/// cross-key validation, and what gnsd refuses at startup.
@Suite("Discovery configuration")
struct DiscoveryConfigurationTests {
    static let hash = String(repeating: "ab", count: 32)

    @Test func everyDiscoveryKeyIsRead() throws {
        let configuration = try ConfigurationFile(
            """
            api:
              listen: 0.0.0.0:8053
              allow-plaintext: true
              tls:
                certificate: /etc/gnsd/tls.crt
                key: /etc/gnsd/tls.key
                client-ca: /etc/gnsd/ca.crt
                client-auth: optional
                cluster-identities: ["spiffe://acme.example/cluster/{cluster}"]
                admin-identities: [ops.acme.example]
              max-body-bytes: 65536
              max-endpoints-per-push: 500
              max-endpoints-per-cluster: 2000
              admin-token-sha256: \(Self.hash)
            data:
              directory: /var/lib/gnsd
            leases:
              duration: 20
              grace: 3
              expire-after: 3600
              damping:
                lapses: 4
                window: 300
                hold: 30
            withdrawal-guard:
              share-percent: 25
              hold: 45
            answers:
              policy: weighted
              max-records: 4
              clusterset-domain: ClusterSet.Example
              clusterset-ttl: 7
              stale-ttl: 15
              expired: withdraw
              expired-overrides:
                - namespace: shop
                  service: catalog
                  expired: keep
            clusters:
              - id: aws-west
                token-sha256: \(String(repeating: "cd", count: 32))
                networks: [10.1.0.0/16, "fd00:1::/64"]
            global-namespaces:
              - name: acme
                domain: ACME.local
                ttl: 9
                members:
                  - clusters: "aws-*"
                    namespace: default
                expired: withdraw
            """
        ).load()
        #expect(configuration.api.listen.description == "0.0.0.0:8053")
        #expect(configuration.api.allowPlaintext)
        let tls = try #require(configuration.api.tls)
        #expect([tls.certificate, tls.key, tls.clientCA] == ["/etc/gnsd/tls.crt", "/etc/gnsd/tls.key", "/etc/gnsd/ca.crt"])
        #expect(tls.clientAuthentication == .optional)
        #expect(tls.clusterIdentities.map(\.description) == ["spiffe://acme.example/cluster/{cluster}"])
        #expect(tls.adminIdentities == ["ops.acme.example"])
        #expect(configuration.api.maxBodyBytes == 65536)
        #expect(configuration.api.maxEndpointsPerPush == 500)
        #expect(configuration.api.maxEndpointsPerCluster == 2000)
        #expect(configuration.api.adminTokenSHA256 == Array(repeating: 0xAB, count: 32))
        #expect(configuration.data.directory == "/var/lib/gnsd")
        #expect(configuration.leases.durationSeconds == 20 && configuration.leases.graceSeconds == 3)
        #expect(configuration.leases.expireAfterSeconds == 3600)
        #expect(configuration.leases.damping.map { [$0.lapses, $0.windowSeconds, $0.holdSeconds] } == [4, 300, 30])
        #expect(configuration.withdrawalGuard.map { [$0.sharePercent, $0.holdSeconds] } == [25, 45])
        #expect(configuration.answers.staleTTL == 15)
        #expect(configuration.answers.expired == .withdraw)
        #expect(configuration.answers.expiredOverrides.map { "\($0.namespace)/\($0.service) \($0.expired)" } == ["shop/catalog keep"])
        #expect(configuration.globalNamespaces.first?.expired == .withdraw)
        #expect(configuration.answers.policy == .weighted)
        #expect(configuration.answers.maxRecords == 4)
        #expect(configuration.answers.clustersetDomain == "clusterset.example.")
        #expect(configuration.answers.clustersetTTL == 7)
        #expect(configuration.clusters.map(\.id) == ["aws-west"])
        #expect(configuration.clusters.first?.networks.map(\.description) == ["10.1.0.0/16", "fd00:1::/64"])
        #expect(configuration.globalNamespaces.first?.domain == "acme.local.")
        #expect(configuration.globalNamespaces.first?.members.map(\.clusters) == ["aws-*"])
        #expect(!configuration.isOpen)
        try configuration.validate()
    }

    @Test(
        "Bad values name the file, line and key",
        arguments: [
            ("clusters:\n  - id: AWS\n", "2: clusters[0].id: expected a cluster id (a lower-case DNS label), got \"AWS\""),
            (
                "clusters:\n  - id: a\n    networks: [10.1.0.0/33]\n",
                "3: clusters[0].networks[0]: expected a network such as 10.1.0.0/16, got \"10.1.0.0/33\""
            ),
            (
                "clusters:\n  - id: a\n    networks: [10.1.2.3/16]\n",
                "3: clusters[0].networks[0]: expected a network such as 10.1.0.0/16, got \"10.1.2.3/16\""
            ),
            ("answers:\n  policy: nearest\n", "2: answers.policy: must be one of local-first, round-robin, weighted, got \"nearest\""),
            ("answers:\n  expired: drop\n", "2: answers.expired: must be one of keep, withdraw, got \"drop\""),
            ("leases:\n  damping:\n    lapses: 1\n", "3: leases.damping.lapses: must be between 2 and 100, got 1"),
            ("withdrawal-guard:\n  share-percent: 101\n", "2: withdrawal-guard.share-percent: must be between 0 and 100, got 101"),
            ("answers:\n  clusterset-domain: a..b\n", "2: answers.clusterset-domain: expected a domain name, got \"a..b\""),
            ("api:\n  admin-token-sha256: secret\n", "2: api.admin-token-sha256: must be 64 hexadecimal digits (32 bytes)"),
            (
                "global-namespaces:\n  - name: a\n    members:\n      - namespace: Default\n",
                "4: global-namespaces[0].members[0].namespace: must be an RFC 1123 label: 1 to 63 characters of a-z, 0-9 and '-', not starting or ending with '-', got \"Default\""
            ),
        ]
    )
    func badValues(yaml: String, expected: String) throws {
        let file = try ConfigurationFile(yaml)
        let error = try #require(throws: ConfigurationError.self) { try file.load() }
        #expect(error.description == "\(file.path):\(expected)")
    }

    @Test(
        "Cross-key rules are checked before serving",
        arguments: [
            ("clusters:\n  - networks: []\n", "clusters[0].id: is required"),
            ("clusters:\n  - id: a\n  - id: a\n", "clusters[1].id: cluster a is listed twice"),
            ("global-namespaces:\n  - domain: acme.local\n    members: [{namespace: default}]\n", "global-namespaces[0].name: is required"),
            ("global-namespaces:\n  - name: acme\n    members: [{namespace: default}]\n", "global-namespaces[0].domain: is required"),
            ("global-namespaces:\n  - name: acme\n    domain: acme.local\n", "global-namespaces[0].members: needs at least one member"),
            (
                "global-namespaces:\n  - {name: a, domain: clusterset.local, members: [{namespace: default}]}\n",
                "global-namespaces[0].domain: clusterset.local. is already used by another domain"
            ),
            (
                "api:\n  listen: 0.0.0.0:8053\n  admin-token-sha256: \(String(repeating: "ab", count: 32))\n",
                "api.listen: 0.0.0.0:8053 is beyond loopback; configure api.tls (certificate and key), or set api.allow-plaintext: true if a TLS proxy in front encrypts the traffic"
            ),
            (
                "api:\n  listen: 0.0.0.0:8053\n  allow-plaintext: true\n",
                "api.listen: 0.0.0.0:8053 is beyond loopback; configure clusters[].token-sha256, api.admin-token-sha256 or api.tls.client-ca first"
            ),
            (
                "api:\n  listen: 0.0.0.0:8053\n  tls: {certificate: tls.crt, key: tls.key}\n",
                "api.listen: 0.0.0.0:8053 is beyond loopback; configure clusters[].token-sha256, api.admin-token-sha256 or api.tls.client-ca first"
            ),
            ("api:\n  tls: {key: tls.key}\n", "api.tls.certificate: is required"),
            ("dns:\n  tls: {certificate: dot.crt, key: dot.key}\n", "dns.tls.listen: is required"),
            ("dns:\n  tls: {listen: [\"127.0.0.1:853\"], key: dot.key}\n", "dns.tls: give certificate and key together, or neither to use api.tls's"),
            ("dns:\n  tls: {listen: [\"127.0.0.1:853\"]}\n", "dns.tls.certificate: is required when api.tls is not configured"),
        ]
    )
    func crossKeyRules(yaml: String, expected: String) throws {
        let configuration = try ConfigurationFile(yaml).load()
        let error = try #require(throws: ConfigurationError.self) { try configuration.validate() }
        #expect(error.description == expected)
    }

    @Test func shippedLocalConfigurationIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configuration = try Configuration.load(file: root.appendingPathComponent("config/local.yaml").path)
        try configuration.validate()
        #expect(configuration.isOpen)
        #expect(configuration.globalNamespaces.map(\.domain) == ["acme.local."])
    }

    @Test func globalNamespaceWithoutZoneStopsStartup() throws {
        let zones = try TemporaryDirectory()
        defer { zones.remove() }
        try zones.write("acme.local.zone", "@ 60 IN SOA ns hostmaster 1 60 60 60 60\n@ 60 IN NS ns\nns 60 IN A 127.0.0.1\n")
        var configuration = Configuration()
        configuration.zones.directory = zones.path
        configuration.data.directory = nil
        configuration.globalNamespaces = [GlobalNamespaceSettings(name: "beta", domain: "beta.local.", members: [.init(namespace: "default")])]
        let error = #expect(throws: (any Error).self) {
            _ = try GNSDApplication(configuration: configuration, logger: Logger(label: "test"), handlesSignals: false)
        }
        #expect("\(error.map { "\($0)" } ?? "")" == "\(zones.path): no zone file for the global namespace domain beta.local.")
    }
}
