import Authority
import Foundation
import GNSDServer
import PushAPI
import TestKit
import TestSupport
import Testing

/// The DNS checks of the MCS conformance suite (kubernetes-sigs/mcs-api, `conformance/clusterip_service_dns.go`
/// and `headless_service_dns.go`) as written: the objects the suite creates (the Service `hello` with ports `tcp` 42/TCP
/// and `udp` 42/UDP, dual stack, its pods' EndpointSlices, the ServiceExport) served by ``FakeAPIServer`` to the real
/// `gnsd agent` of `cluster-a`, the only exporting cluster; every query made with `nslookup -type=<T> <name>.` from each
/// cluster (cluster-a's network is 127.0.0.0/8, cluster-b's ::1), its output read with the suite's own regular
/// expressions and held to the suite's expectations, within the suite's 20 seconds.
@Suite(.serialized)
struct MCSConformanceDNSTests {
    private typealias F = Fixtures
    static let token = "cluster-a-secret"
    static let namespace = "mcs-conformance-\(UInt32.random(in: 0...UInt32.max))"
    static let servicePorts =
        #"[{"name":"tcp","protocol":"TCP","port":42,"targetPort":42},{"name":"udp","protocol":"UDP","port":42,"targetPort":42}]"#
    static let slicePorts = #"[{"name":"tcp","port":42,"protocol":"TCP"},{"name":"udp","port":42,"protocol":"UDP"}]"#
    /// `hello.<ns>.svc.clusterset.local`, as the suite builds it.
    static let domainName = "hello.\(namespace).svc.clusterset.local"

    /// The suite's `srvRecordRegEx` and `addressesRegEx`.
    static let srvRecordPattern = try! NSRegularExpression(pattern: #".*=\s*\d*\s*\d*\s*(\d*)\s*([a-zA-Z0-9-.]*)"#)
    static let addressesPattern = try! NSRegularExpression(pattern: #"Name:.*\s*Address:\s*(.*)"#)

    /// Where the suite's request pods sit: one per cluster.
    enum Client: CaseIterable {
        case clusterA, clusterB
    }

    /// Runs `nslookup -type=<type> <name>.` from `client` as the suite's `execCmd` does: the output, or empty when
    /// nslookup fails (NXDOMAIN, SERVFAIL), so a failing lookup counts as a failed attempt.
    static func nslookup(_ type: String, _ name: String, from client: Client, server: RunningServer) async throws -> String {
        let (address, port) = client == .clusterA ? ("127.0.0.1", server.port) : ("::1", server.ipv6Port)
        let output = try await ExternalCommand.run("nslookup", ["-type=\(type)", "-port=\(port)", "-timeout=3", "-retry=1", name + ".", address])
        return output.status == 0 ? output.standardOutput : ""
    }

    /// The suite's `parseSRVRecords`: every match of its regular expression, port and target (one trailing dot cut).
    static func srvRecords(_ output: String) -> [(port: Int, domainName: String)] {
        srvRecordPattern.matches(in: output, range: NSRange(output.startIndex..., in: output)).map { match in
            let port = Range(match.range(at: 1), in: output).flatMap { Int(output[$0]) } ?? 0
            var target = Range(match.range(at: 2), in: output).map { String(output[$0]) } ?? ""
            if target.hasSuffix(".") { target.removeLast() }
            return (port, target)
        }
    }

    /// The suite's `HaveAddresses` input: every `Name:` … `Address:` pair's address, trimmed, sorted.
    static func addresses(_ output: String) -> [String] {
        addressesPattern.matches(in: output, range: NSRange(output.startIndex..., in: output)).compactMap { match in
            Range(match.range(at: 1), in: output).map { output[$0].trimmingCharacters(in: .whitespacesAndNewlines) }
        }.sorted()
    }

    /// Retries `check` every 200 ms for the suite's 20 seconds until it passes for every client.
    static func eventuallyFromEveryCluster(_ check: @escaping (Client) async throws -> Bool) async throws -> Bool {
        for client in Client.allCases {
            guard try await eventually(within: .seconds(20), every: .milliseconds(200), { try await check(client) }) else { return false }
        }
        return true
    }

    /// gnsd knowing cluster-a and cluster-b, and cluster-a's agent reading `api`, while `body` runs.
    static func withExportingCluster(_ api: FakeAPIServer, _ body: (RunningServer) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kubeconfig = try api.writeKubeconfig(in: directory, token: "api-token")
        let clusters = [
            ClusterSettings(id: "cluster-a", tokenSHA256: APISettings.tokenHash(token), networks: [IPNetwork("127.0.0.0/8")!]),
            ClusterSettings(id: "cluster-b", tokenSHA256: APISettings.tokenHash("cluster-b-secret"), networks: [IPNetwork("::1/128")!]),
        ]
        try await withServer(zones: ServedZones.shipped, adjust: { $0.clusters = clusters }) { server in
            let agent = try AgentProcess(
                cluster: "cluster-a", token: token, source: ["--kubernetes", "--kubeconfig", kubeconfig], servers: [server], directory: directory)
            let status = try await agent.whileRunning { try await body(server) }
            #expect(status == 0, "\(agent.output)")
        }
        await api.stop()
    }

    /// The pods behind `hello` in cluster-a: each with an IPv4 and an IPv6 address, and a hostname when `hostnames`.
    static func helloSlices(hostnames: [String]?) -> [String] {
        let pods = [("10.244.1.5", "fd00:244:1::5"), ("10.244.2.6", "fd00:244:2::6")]
        return [("IPv4", 0), ("IPv6", 1)].map { family, index in
            let endpoints = pods.enumerated().map { number, pod in
                let address = index == 0 ? pod.0 : pod.1
                return F.endpoint([address], pod: hostnames?[number] ?? "hello-\(number)", hostname: hostnames?[number])
            }
            return F.endpointSlice(
                namespace, "hello-\(family.lowercased())", service: "hello", addressType: family, endpoints: "[\(endpoints.joined(separator: ","))]",
                ports: slicePorts)
        }
    }

    @Test func clusterIPServiceResolvesToTheClustersetIPAndAnswersValidSRVRecords() async throws {
        let api = try await FakeAPIServer.start()
        api.put("services", F.clusterIPService(Self.namespace, "hello", ips: ["10.96.7.1", "fd00:96::7:1"], ports: Self.servicePorts))
        api.put("endpointslices", Self.helloSlices(hostnames: nil)[0])
        try await Self.withExportingCluster(api) { server in
            // "should be inaccessible" until exported: the name does not resolve.
            for client in Client.allCases {
                #expect(try await Self.nslookup("A", Self.domainName, from: client, server: server).isEmpty)
            }
            api.put("serviceexports", F.serviceExport(Self.namespace, "hello"))

            // A DNS lookup of the <service>.<ns>.svc.clusterset.local domain for a ClusterIP service should resolve to the clusterset IP
            for (type, ip) in [("A", "10.96.7.1"), ("AAAA", "fd00:96::7:1")] {
                let resolved = try await Self.eventuallyFromEveryCluster { client in
                    try await Self.nslookup(type, Self.domainName, from: client, server: server).contains(ip)
                }
                #expect(resolved, "\(type) \(ip)")
            }

            // A DNS SRV query of the <service>.<ns>.svc.clusterset.local domain for a ClusterIP service should return valid SRV records
            var outputs: [String] = []
            let valid = try await Self.eventuallyFromEveryCluster { client in
                let output = try await Self.nslookup("SRV", Self.domainName, from: client, server: server)
                outputs.append(output)
                let records = Self.srvRecords(output)
                return records.count == 1 && records[0].port == 42 && records[0].domainName == Self.domainName
            }
            #expect(valid, "\(outputs.suffix(2))")
            // Beyond the suite: port 42 under TCP and UDP is one record, weighted by the two ready pods once.
            #expect(outputs.last?.contains("service = 0 2 42 \(Self.domainName).") == true, "\(outputs.suffix(1))")

            // DNS lookups of the <service>.<ns>.svc.cluster.local domain are the local cluster's DNS: gnsd leaves them to it.
            let local = try await ExternalCommand.run(
                "nslookup", ["-type=A", "-port=\(server.port)", "hello.\(Self.namespace).svc.cluster.local.", "127.0.0.1"])
            #expect(local.standardOutput.contains("REFUSED"), "\(local.standardOutput)")
        }
    }

    @Test func headlessServiceReturnsTheReadyEndpointAddressesAndValidSRVRecords() async throws {
        let api = try await FakeAPIServer.start()
        api.put("services", F.headlessService(Self.namespace, "hello", ports: Self.servicePorts))
        for slice in Self.helloSlices(hostnames: nil) {
            api.put("endpointslices", slice)
        }
        api.put("serviceexports", F.serviceExport(Self.namespace, "hello"))
        try await Self.withExportingCluster(api) { server in
            // A DNS query of the <service>.<ns>.svc.clusterset.local domain for a headless service should return the ready
            // endpoint addresses of all the backing pods
            for (type, expected) in [("A", ["10.244.1.5", "10.244.2.6"]), ("AAAA", ["fd00:244:1::5", "fd00:244:2::6"])] {
                let exact = try await Self.eventuallyFromEveryCluster { client in
                    Self.addresses(try await Self.nslookup(type, Self.domainName, from: client, server: server)) == expected
                }
                #expect(exact, "\(type)")
            }

            // A DNS SRV query of the <service>.<ns>.svc.clusterset.local domain for a headless service should return valid
            // SRV records: one per endpoint address (dual stack: 4), each aiming at a name starting with the address in dashes.
            let hostNames = ["10-244-1-5", "10-244-2-6", "fd00-244-1--5", "fd00-244-2--6"]
            var outputs: [String] = []
            let valid = try await Self.eventuallyFromEveryCluster { client in
                let output = try await Self.nslookup("SRV", Self.domainName, from: client, server: server)
                outputs.append(output)
                let records = Self.srvRecords(output)
                return records.count == hostNames.count
                    && hostNames.allSatisfy { hostName in records.first { $0.domainName.hasPrefix(hostName) }?.port == 42 }
            }
            #expect(valid, "\(outputs.suffix(2))")
        }
    }

    @Test func headlessStatefulSetReturnsTheRequestedPodsEndpointAddress() async throws {
        let api = try await FakeAPIServer.start()
        api.put("services", F.headlessService(Self.namespace, "hello", ports: Self.servicePorts))
        for slice in Self.helloSlices(hostnames: ["hello-ss-0", "hello-ss-1"]) {
            api.put("endpointslices", slice)
        }
        api.put("serviceexports", F.serviceExport(Self.namespace, "hello"))
        try await Self.withExportingCluster(api) { server in
            // A DNS query of the <hostname>.<clusterid>.<service>.<ns>.svc.clusterset.local domain for a headless StatefulSet
            // service should return the requested pod's endpoint address
            let pods = [("hello-ss-0", "10.244.1.5", "fd00:244:1::5"), ("hello-ss-1", "10.244.2.6", "fd00:244:2::6")]
            for (hostname, v4, v6) in pods {
                for (type, address) in [("A", v4), ("AAAA", v6)] {
                    let name = "\(hostname).cluster-a.\(Self.domainName)"
                    let exact = try await Self.eventuallyFromEveryCluster { client in
                        Self.addresses(try await Self.nslookup(type, name, from: client, server: server)) == [address]
                    }
                    #expect(exact, "\(type) \(name)")
                }
            }
        }
    }
}
