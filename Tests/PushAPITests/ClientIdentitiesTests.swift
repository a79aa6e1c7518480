import EndpointTable
import ServerTLS
import Testing

@testable import PushAPI

/// Who a client certificate's names identify.
struct ClientIdentitiesTests {
    static let identities = ClientIdentities(
        clusterPatterns: [IdentityPattern("spiffe://acme.example/cluster/{cluster}")!, IdentityPattern("{cluster}.agents.acme.example")!],
        admins: ["spiffe://acme.example/admin/ops", "ops.acme.example"])

    @Test(
        arguments: [
            (PeerNames(uris: ["spiffe://acme.example/cluster/aws-west"]), Caller.cluster(ClusterID("aws-west")!)),
            (PeerNames(dnsNames: ["gcp-east.agents.acme.example"]), .cluster(ClusterID("gcp-east")!)),
            (PeerNames(uris: ["spiffe://acme.example/admin/ops"]), .admin),
            (PeerNames(uris: ["spiffe://acme.example/cluster/aws-west"], dnsNames: ["ops.acme.example"]), .admin),
            (PeerNames(uris: ["spiffe://acme.example/cluster/aws-west", "spiffe://acme.example/cluster/aws-east"]), nil),
            (PeerNames(uris: ["spiffe://acme.example/cluster/aws-west/extra"]), nil),
            (PeerNames(uris: ["spiffe://acme.example/cluster/AWS-WEST"]), nil),
            (PeerNames(uris: ["spiffe://acme.example/cluster/"]), nil),
            (PeerNames(uris: ["spiffe://other.example/cluster/aws-west"]), nil),
            (PeerNames(dnsNames: ["a.b.agents.acme.example"]), nil),
            (PeerNames(uris: ["gcp-east.agents.acme.example"]), nil),
            (PeerNames(), nil),
        ] as [(PeerNames, Caller?)])
    func namesIdentifyOneCallerOrNone(names: PeerNames, caller: Caller?) {
        #expect(Self.identities.caller(names) == caller)
    }

    @Test(arguments: ["spiffe://acme.example/cluster", "{cluster}.{cluster}.acme.example", ""])
    func aPatternHoldsTheClusterOnce(text: String) {
        #expect(IdentityPattern(text) == nil)
    }
}
