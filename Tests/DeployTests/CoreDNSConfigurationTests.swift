import TestSupport
import Testing
import Yams

extension DeployTests {
    /// deploy/coredns: CoreDNS and NodeLocal DNSCache forward acme.local and clusterset.local to the
    /// gnsd Service and cache its answers no longer than gnsd's TTLs.
    @Suite
    struct CoreDNSConfigurationTests {
        static let domains = ["acme.local:53", "clusterset.local:53"]

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

        /// The 5-second caps are gnsd's TTLs: the answer TTLs in gnsd.yaml and the zones' SOA minimum.
        @Test func cacheCapsAreGnsdsTTLs() throws {
            let configMap = try Manifest("deploy/kubernetes/gnsd/configmap.yaml")
            let configuration = try #require(try Yams.load(yaml: configMap.data("gnsd.yaml")) as? [String: Any])
            #expect((configuration["answers"] as? [String: Any])?["clusterset-ttl"] as? Int == 5)
            #expect((configuration["global-namespaces"] as? [[String: Any]])?.map { $0["ttl"] as? Int } == [5])
            for zone in ["acme.local.zone", "clusterset.local.zone"] {
                let soa = try configMap.data(zone).split(separator: "\n").first { $0.contains(" SOA ") }
                #expect(soa?.split(separator: " ").last == "5", "\(zone): SOA minimum")
            }
        }
    }
}
