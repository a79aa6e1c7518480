import TestKit
import TestSupport
import Testing
import Yams

extension DeployTests {
    /// deploy/kubernetes/gnsd: gnsd accepts the ConfigMap's configuration and zones, and the
    /// StatefulSet, Services and budget fit that configuration and each other.
    @Suite
    struct GNSDManifestTests {
        static let folder = "deploy/kubernetes/gnsd"

        /// The ConfigMap's data: gnsd.yaml and the zone files.
        static func configMapData() throws -> [String: String] {
            let configMap = try Manifest("\(folder)/configmap.yaml")
            guard let data = configMap["data"] as? [String: String] else {
                throw ManifestError(description: "\(configMap.file): data is not a map of texts")
            }
            return data
        }

        @Test func checkZonesAcceptsTheConfigMapsConfigurationAndZones() async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            for (name, contents) in try Self.configMapData() {
                try directory.write(name, contents)
            }
            let arguments = ["check-zones", "--config", "\(directory.path)/gnsd.yaml", "--zones", directory.path]
            let output = try await ExternalCommand.run(GNSDBinary.path, arguments)
            #expect(output.status == 0, "\(output.standardError)")
            #expect(
                output.standardOutput == """
                    100.10.in-addr.arpa. serial 2025060101, 2 records
                    244.10.in-addr.arpa. serial 2025060101, 2 records
                    acme.local. serial 2025060101, 3 records
                    clusterset.local. serial 2025060101, 4 records

                    """)
        }

        @Test func statefulSetRunsTheConfigurationLockedDown() throws {
            let statefulSet = try Manifest("\(Self.folder)/statefulset.yaml")
            let configuration = try #require(try Yams.load(yaml: Self.configMapData()["gnsd.yaml"] ?? "") as? [String: Any])
            let gnsd = "spec.template.spec.containers.0"

            #expect(statefulSet.podSecurityProblems == [])
            #expect(statefulSet["spec.replicas"] as? Int == 2)
            #expect(statefulSet["\(gnsd).args"] as? [String] == ["serve", "--config", "/etc/gnsd/gnsd.yaml"])
            #expect(
                statefulSet["\(gnsd).volumeMounts"] as? [[String: AnyHashable]] == [
                    ["name": "config", "mountPath": "/etc/gnsd", "readOnly": true],
                    ["name": "tls", "mountPath": "/etc/gnsd/tls", "readOnly": true],
                    ["name": "data", "mountPath": "/var/lib/gnsd"],
                    ["name": "tmp", "mountPath": "/tmp"],
                ])
            #expect(statefulSet["spec.template.spec.volumes.0.configMap.name"] as? String == "gnsd")
            #expect(statefulSet["spec.template.spec.volumes.1.secret.secretName"] as? String == "gnsd-tls")
            #expect(statefulSet["spec.template.spec.volumes.2.emptyDir"] != nil)
            let tls = ((configuration["api"] as? [String: Any])?["tls"] as? [String: Any]) ?? [:]
            #expect(
                [tls["certificate"], tls["key"], tls["client-ca"]] as? [String] == [
                    "/etc/gnsd/tls/tls.crt", "/etc/gnsd/tls/tls.key", "/etc/gnsd/tls/ca.crt",
                ])
            let zones = (configuration["zones"] as? [String: Any])?["directory"] as? String
            let data = (configuration["data"] as? [String: Any])?["directory"] as? String
            #expect(zones == "/etc/gnsd" && data == "/var/lib/gnsd")

            #expect(
                statefulSet["\(gnsd).ports"] as? [[String: AnyHashable]] == [
                    ["name": "dns-udp", "containerPort": 5353, "protocol": "UDP"],
                    ["name": "dns-tcp", "containerPort": 5353, "protocol": "TCP"],
                    ["name": "dns-tls", "containerPort": 8853, "protocol": "TCP"],
                    ["name": "api", "containerPort": 8053, "protocol": "TCP"],
                ])
            #expect(((configuration["dns"] as? [String: Any])?["tls"] as? [String: Any])?["listen"] as? [String] == ["0.0.0.0:8853"])
            #expect((configuration["dns"] as? [String: Any])?["listen"] as? [String] == ["0.0.0.0:5353"])
            let cpus = (statefulSet["\(gnsd).resources.limits.cpu"] as? String).flatMap { Int($0) }
            #expect((configuration["dns"] as? [String: Any])?["udp-workers"] as? Int == cpus, "one UDP worker per CPU of the limit")
            #expect((configuration["api"] as? [String: Any])?["listen"] as? String == "0.0.0.0:8053")
            #expect(tls["client-auth"] as? String == "optional", "kubelet probes present no client certificate")
            #expect(statefulSet["\(gnsd).livenessProbe.httpGet"] as? [String: String] == ["path": "/healthz", "port": "api", "scheme": "HTTPS"])
            #expect(statefulSet["\(gnsd).readinessProbe.httpGet"] as? [String: String] == ["path": "/readyz", "port": "api", "scheme": "HTTPS"])
            let antiAffinity = "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.0.podAffinityTerm"
            #expect(statefulSet["\(antiAffinity).topologyKey"] as? String == "kubernetes.io/hostname")
            #expect(statefulSet["spec.template.spec.topologySpreadConstraints.0.topologyKey"] as? String == "topology.kubernetes.io/zone")
        }

        @Test func servicesMapPort53AndReachEachReplica() throws {
            let statefulSet = try Manifest("\(Self.folder)/statefulset.yaml")
            let service = try Manifest("\(Self.folder)/service.yaml")
            let replicas = try Manifest("\(Self.folder)/service-replicas.yaml")
            let budget = try Manifest("\(Self.folder)/poddisruptionbudget.yaml")
            let labels = statefulSet["spec.template.metadata.labels"] as? [String: String]
            #expect(labels == ["app.kubernetes.io/name": "gnsd"])
            for selector in [service["spec.selector"], replicas["spec.selector"], budget["spec.selector.matchLabels"]] {
                #expect(selector as? [String: String] == labels)
            }
            #expect(
                service["spec.ports"] as? [[String: AnyHashable]] == [
                    ["name": "dns-udp", "port": 53, "targetPort": "dns-udp", "protocol": "UDP"],
                    ["name": "dns-tcp", "port": 53, "targetPort": "dns-tcp", "protocol": "TCP"],
                    ["name": "dns-tls", "port": 853, "targetPort": "dns-tls", "protocol": "TCP"],
                    ["name": "api", "port": 8053, "targetPort": "api", "protocol": "TCP"],
                ])
            #expect(statefulSet["spec.serviceName"] as? String == replicas.name)
            #expect(replicas["spec.clusterIP"] as? String == "None")
            #expect(replicas["spec.publishNotReadyAddresses"] as? Bool == true)
            #expect(budget["spec.minAvailable"] as? Int == 1)
        }

        @Test func zonesGlueIsTheServiceAddress() throws {
            let clusterIP = try Manifest("\(Self.folder)/service.yaml").text("spec.clusterIP")
            let data = try Self.configMapData()
            for zone in ["acme.local.zone", "clusterset.local.zone"] {
                let glue = data[zone]?.split(separator: "\n").first { $0.hasPrefix("ns1 ") }
                #expect(glue?.split(separator: " ").last.map(String.init) == clusterIP, "\(zone)")
            }
        }
    }
}
