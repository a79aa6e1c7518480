import GNSDServer
import Testing

/// The `quotas:` section, and token hashes that must differ between clusters and the admin.
@Suite("Quota and token configuration")
struct QuotaAndTokenConfigurationTests {
    static let quotaKeys =
        "services-per-cluster, ips-per-export, ports-per-export, addresses-per-endpoint, labels-per-cluster, "
        + "label-key-bytes, label-value-bytes, region-bytes, zone-bytes"

    @Test func defaultsAreGenerousForRealClusters() {
        let quotas = Configuration().quotas
        #expect(quotas.servicesPerCluster == 20_000)
        #expect(quotas.ipsPerExport == 4)
        #expect(quotas.portsPerExport == 16)
        #expect(quotas.addressesPerEndpoint == 4)
        #expect(quotas.labelsPerCluster == 64)
        #expect(quotas.labelKeyBytes == 317)
        #expect(quotas.labelValueBytes == 256)
        #expect(quotas.regionBytes == 63)
        #expect(quotas.zoneBytes == 63)
    }

    @Test func everyQuotaKeyIsRead() throws {
        let configuration = try ConfigurationFile(
            """
            quotas:
              services-per-cluster: 50000
              ips-per-export: 2
              ports-per-export: 0
              addresses-per-endpoint: 1
              labels-per-cluster: 0
              label-key-bytes: 63
              label-value-bytes: 0
              region-bytes: 32
              zone-bytes: 16
            """
        ).load()
        let quotas = configuration.quotas
        #expect(quotas.servicesPerCluster == 50_000)
        #expect(quotas.ipsPerExport == 2)
        #expect(quotas.portsPerExport == 0)
        #expect(quotas.addressesPerEndpoint == 1)
        #expect(quotas.labelsPerCluster == 0)
        #expect(quotas.labelKeyBytes == 63)
        #expect(quotas.labelValueBytes == 0)
        #expect(quotas.regionBytes == 32)
        #expect(quotas.zoneBytes == 16)
    }

    @Test(
        "A bad quota names the file, line and key",
        arguments: [
            ("quotas:\n  services-per-cluster: 0\n", "2: quotas.services-per-cluster: must be between 1 and 1000000, got 0"),
            ("quotas:\n  ips-per-export: many\n", #"2: quotas.ips-per-export: expected an integer, got "many""#),
            ("quotas:\n  addresses-per-endpoint: 1025\n", "2: quotas.addresses-per-endpoint: must be between 1 and 1024, got 1025"),
            ("quotas:\n  region-bytes: -1\n", "2: quotas.region-bytes: must be between 0 and 65536, got -1"),
            ("quotas:\n  zone-bytes: 63\n  services: 3\n", "3: quotas.services: unknown key; valid keys are \(quotaKeys)"),
            ("quotas: [20000]\n", "1: quotas: expected a mapping, got a list"),
        ]
    )
    func badQuota(yaml: String, expected: String) throws {
        let file = try ConfigurationFile(yaml)
        let error = try #require(throws: ConfigurationError.self) { try file.load() }
        #expect(error.description == "\(file.path):\(expected)")
    }

    static let one = String(repeating: "11", count: 32)
    static let two = String(repeating: "22", count: 32)

    @Test(
        "A token hash given twice is refused at start, naming both keys",
        arguments: [
            (
                "clusters:\n  - {id: aws-west, token-sha256: \(one)}\n  - {id: gcp-east, token-sha256: \(two)}\n  - {id: azure, token-sha256: \(one)}\n",
                "clusters[2].token-sha256: is the same token as clusters[0].token-sha256; every cluster and the admin need a token of their own"
            ),
            (
                "api:\n  admin-token-sha256: \(two)\nclusters:\n  - {id: aws-west, token-sha256: \(one)}\n  - {id: gcp-east, token-sha256: \(two.uppercased())}\n",
                "clusters[1].token-sha256: is the same token as api.admin-token-sha256; every cluster and the admin need a token of their own"
            ),
        ]
    )
    func duplicateTokenHash(yaml: String, expected: String) throws {
        let configuration = try ConfigurationFile(yaml).load()
        let error = try #require(throws: ConfigurationError.self) { try configuration.validate() }
        #expect(error.description == expected)
    }

    @Test func distinctTokensAndClustersWithoutTokensAreAccepted() throws {
        let configuration = try ConfigurationFile(
            """
            api:
              admin-token-sha256: \(Self.two)
            clusters:
              - {id: aws-west, token-sha256: \(Self.one)}
              - {id: gcp-east}
              - {id: azure}
            """
        ).load()
        try configuration.validate()
    }
}
