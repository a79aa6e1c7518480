import TestSupport
import Testing
import Yams

extension DeployTests {
    /// deploy/coredns: CoreDNS and NodeLocal DNSCache forward acme.local, clusterset.local and the
    /// reverse zones to the gnsd Service and cache its answers no longer than gnsd's TTLs.
    @Suite
    struct CoreDNSConfigurationTests {
        static let domains = ["acme.local:53", "clusterset.local:53", "100.10.in-addr.arpa:53", "244.10.in-addr.arpa:53"]

        /// The gnsd Service's clusterIP, which both forward to.
        static func serviceIP() throws -> String {
            try Manifest("deploy/kubernetes/gnsd/service.yaml").text("spec.clusterIP")
        }

        @Test func snippetForwardsBothDomainsToTheServiceAndCapsTheCache() throws {
            let snippet = try Corefile(Repository.read("deploy/coredns/Corefile"))
            let block = [
                "errors", "cache {", "success 9984 5 0", "denial 9984 5 0", "}",
                "forward . \(try Self.serviceIP()) {", "health_check 5s", "}", "prometheus :9153",
            ]
            #expect(snippet.blocks == Dictionary(uniqueKeysWithValues: Self.domains.map { ($0, block) }))

            let coredns = try Corefile(Manifest("deploy/coredns/coredns-configmap.yaml").data("Corefile"))
            #expect(Set(coredns.blocks.keys) == Set([".:53"] + Self.domains))
            for domain in Self.domains {
                #expect(coredns.blocks[domain] == block, "\(domain)")
            }
        }

        @Test func nodeLocalDNSForwardsTheSameDomainsToTheService() throws {
            let nodeLocal = try Corefile(Manifest("deploy/coredns/node-local-dns-configmap.yaml").data("Corefile"))
            #expect(Set(nodeLocal.blocks.keys) == Set(["cluster.local:53", "in-addr.arpa:53", "ip6.arpa:53", ".:53"] + Self.domains))
            let block = [
                "errors", "cache {", "success 9984 5 0", "denial 9984 5 0", "}", "reload", "loop",
                "bind __PILLAR__LOCAL__DNS__ __PILLAR__DNS__SERVER__",
                "forward . \(try Self.serviceIP()) {", "health_check 5s", "}", "prometheus :9253",
            ]
            for domain in Self.domains {
                #expect(nodeLocal.blocks[domain] == block, "\(domain)")
            }
        }

        /// CoreDNS and NodeLocal DNSCache over DNS over TLS: the same blocks, forwarding to the
        /// Service's DoT port with gnsd's CA and a server name gnsd's certificate carries.
        @Test func overTLSTheSameBlocksForwardToTheDoTPort() throws {
            let forward = [
                "forward . tls://\(try Self.serviceIP()):853 {", "tls /etc/coredns/gnsd-ca/ca.crt",
                "tls_servername gnsd.gnsd.svc.cluster.local", "health_check 5s", "}",
            ]
            let plain = try Corefile(Repository.read("deploy/coredns/Corefile"))
            let coredns = try Corefile(Repository.read("deploy/coredns/tls/Corefile"))
            let plainNodeLocal = try Corefile(Manifest("deploy/coredns/node-local-dns-configmap.yaml").data("Corefile"))
            let nodeLocal = try Corefile(Repository.read("deploy/coredns/tls/node-local-Corefile"))
            for (encrypted, original) in [(coredns, plain), (nodeLocal, plainNodeLocal)] {
                #expect(Set(encrypted.blocks.keys) == Set(Self.domains))
                for domain in Self.domains {
                    let block = try #require(original.blocks[domain])
                    let start = try #require(block.firstIndex { $0.hasPrefix("forward . ") })
                    var expected = block
                    expected.replaceSubrange(start...(start + 2), with: forward)
                    #expect(encrypted.blocks[domain] == expected, "\(domain)")
                }
            }
            let service = try Manifest("deploy/kubernetes/gnsd/service.yaml")
            let ports = service["spec.ports"] as? [[String: AnyHashable]] ?? []
            #expect(ports.contains(["name": "dns-tls", "port": 853, "targetPort": "dns-tls", "protocol": "TCP"]))
            let certificate = try Manifest("deploy/kubernetes/cert-manager/gnsd/certificate.yaml")
            #expect((certificate["spec.dnsNames"] as? [String])?.contains("gnsd.gnsd.svc.cluster.local") == true)
        }

        /// The 5-second caps are gnsd's TTLs: the answer TTLs in gnsd.yaml and the zones' SOA minimum.
        @Test func cacheCapsAreGnsdsTTLs() throws {
            let configMap = try Manifest("deploy/kubernetes/gnsd/configmap.yaml")
            let configuration = try #require(try Yams.load(yaml: configMap.data("gnsd.yaml")) as? [String: Any])
            #expect((configuration["answers"] as? [String: Any])?["clusterset-ttl"] as? Int == 5)
            #expect((configuration["global-namespaces"] as? [[String: Any]])?.map { $0["ttl"] as? Int } == [5])
            for zone in ["acme.local.zone", "clusterset.local.zone", "100.10.in-addr.arpa.zone", "244.10.in-addr.arpa.zone"] {
                let soa = try configMap.data(zone).split(separator: "\n").first { $0.contains(" SOA ") }
                #expect(soa?.split(separator: " ").last == "5", "\(zone): SOA minimum")
            }
        }
    }
}
