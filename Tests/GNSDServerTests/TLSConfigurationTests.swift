import ServerTLS
import Testing

@testable import GNSDServer

/// Which files the TLS listeners serve, as the configuration names them.
struct TLSConfigurationTests {
    static let api = "api:\n  tls: {certificate: /etc/gnsd/api.crt, key: /etc/gnsd/api.key, client-ca: /etc/gnsd/ca.crt}\n"

    @Test func dnsOverTLSServesItsOwnPairOrThePushAPIsWithoutItsClientCA() throws {
        let shared = try ConfigurationFile(Self.api + "dns:\n  tls: {listen: [\"127.0.0.1:853\"]}\n").load()
        try shared.validate()
        #expect(shared.dotFiles == TLSFiles(certificate: "/etc/gnsd/api.crt", key: "/etc/gnsd/api.key"))
        #expect(shared.api.tls?.files == TLSFiles(certificate: "/etc/gnsd/api.crt", key: "/etc/gnsd/api.key", clientCA: "/etc/gnsd/ca.crt"))
        let own = try ConfigurationFile(Self.api + "dns:\n  tls: {listen: [\"[::1]:853\"], certificate: /etc/gnsd/dot.crt, key: /etc/gnsd/dot.key}\n")
            .load()
        try own.validate()
        #expect(own.dotFiles == TLSFiles(certificate: "/etc/gnsd/dot.crt", key: "/etc/gnsd/dot.key"))
        #expect(try ConfigurationFile(Self.api).load().dotFiles == nil)
    }

    @Test func clientIdentitiesNeedAClientCA() throws {
        let withCA = try ConfigurationFile(Self.api).load()
        #expect(withCA.api.tls?.clientIdentities?.clusterPatterns.map(\.description) == ["spiffe://gnsd/cluster/{cluster}"])
        let withoutCA = try ConfigurationFile("api:\n  tls: {certificate: a.crt, key: a.key, admin-identities: [ops]}\n").load()
        #expect(withoutCA.api.tls?.clientIdentities == nil)
        #expect(!withCA.isOpen && withoutCA.isOpen)
    }

    @Test(arguments: [
        ("api:\n  tls: {certificate: a.crt, key: a.key, cluster-identities: [\"spiffe://acme/cluster\"]}\n", "must hold {cluster} once"),
        ("api:\n  tls: {certificate: a.crt, key: a.key, client-auth: sometimes}\n", "must be one of required, optional"),
        ("api:\n  allow-plaintext: yes\n", "must be true or false"),
    ])
    func badTLSKeysAreRefusedAtTheirKey(yaml: String, reason: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationFile(yaml).load() }
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }
}
