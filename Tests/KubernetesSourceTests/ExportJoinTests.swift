import EndpointTable
import Testing

@testable import KubernetesSource

@Suite struct ExportJoinTests {
    private typealias F = Fixtures

    @Test func clusterIPServiceWithReadinessHostnameAndZone() throws {
        let objects = try F.objects(
            serviceExports: [F.serviceExport("shop", "catalog")],
            services: [
                F.clusterIPService(
                    "shop", "catalog", ips: ["10.96.0.10"],
                    ports:
                        #"[{"name":"http","protocol":"TCP","port":80,"targetPort":8080},{"name":"dns","protocol":"UDP","port":53,"targetPort":5353}]"#
                )
            ],
            endpointSlices: [
                F.endpointSlice(
                    "shop", "catalog-abcde", service: "catalog",
                    endpoints:
                        "[\(F.endpoint(["10.1.0.12"], pod: "b", ready: false, zone: "us-west-2b")),\(F.endpoint(["10.1.0.11"], pod: "a", ready: true, hostname: "catalog-0", zone: "us-west-2a")),\(F.endpoint(["10.1.0.13"], pod: "c", ready: nil))]"
                )
            ])
        let outcome = ExportJoin.outcome(of: objects)
        #expect(outcome.skipped == [:])
        #expect(
            outcome.exports == [
                ServiceExport(
                    key: F.key("shop", "catalog"), kind: .clusterSetIP([F.address("10.96.0.10")]),
                    ports: [ServicePort(name: "dns", port: 53, portProtocol: .udp), ServicePort(name: "http", port: 80, portProtocol: .tcp)],
                    endpoints: [
                        Endpoint(addresses: [F.address("10.1.0.11")], hostname: "catalog-0", ready: true, zone: "us-west-2a"),
                        Endpoint(addresses: [F.address("10.1.0.12")], ready: false, zone: "us-west-2b"),
                        Endpoint(addresses: [F.address("10.1.0.13")], ready: true),
                    ])
            ])
    }

    @Test func dualStackHeadlessServiceMergesEachPodsSlicesAndUsesTargetPorts() throws {
        let objects = try F.objects(
            serviceExports: [F.serviceExport("data", "db")],
            services: [
                F.headlessService(
                    "data", "db", ports: #"[{"name":"pg","protocol":"TCP","port":5432,"targetPort":"postgres"},{"protocol":"TCP","port":9187}]"#)
            ],
            endpointSlices: [
                F.endpointSlice(
                    "data", "db-v4", service: "db",
                    endpoints:
                        "[\(F.endpoint(["10.2.0.31"], pod: "db-0", hostname: "db-0", zone: "z1")),\(F.endpoint(["10.2.0.32"], pod: "db-1", hostname: "db-1", zone: "z2"))]",
                    ports: #"[{"name":"pg","port":15432,"protocol":"TCP"},{"name":"","port":9187,"protocol":"TCP"}]"#),
                F.endpointSlice(
                    "data", "db-v6", service: "db", addressType: "IPv6",
                    endpoints:
                        "[\(F.endpoint(["fd00:2::31"], pod: "db-0", hostname: "db-0", zone: "z1")),\(F.endpoint(["fd00:2::32"], pod: "db-1", ready: false, hostname: "db-1", zone: "z2"))]",
                    ports: #"[{"name":"pg","port":15432,"protocol":"TCP"},{"name":"","port":9187,"protocol":"TCP"}]"#),
            ])
        #expect(
            ExportJoin.outcome(of: objects).exports == [
                ServiceExport(
                    key: F.key("data", "db"), kind: .headless,
                    ports: [ServicePort(name: nil, port: 9187, portProtocol: .tcp), ServicePort(name: "pg", port: 15432, portProtocol: .tcp)],
                    endpoints: [
                        Endpoint(addresses: [F.address("10.2.0.31"), F.address("fd00:2::31")], hostname: "db-0", ready: true, zone: "z1"),
                        Endpoint(addresses: [F.address("10.2.0.32"), F.address("fd00:2::32")], hostname: "db-1", ready: false, zone: "z2"),
                    ])
            ])
    }

    @Test func dualStackServiceIPsAndEndpointsListedInSeveralSlicesOnce() throws {
        let objects = try F.objects(
            serviceExports: [F.serviceExport("shop", "cart")],
            services: [F.clusterIPService("shop", "cart", ips: ["fd00:96::20", "10.96.0.20"], ports: #"[{"port":80}]"#)],
            endpointSlices: [
                F.endpointSlice(
                    "shop", "cart-2", service: "cart",
                    endpoints: "[\(F.endpoint(["10.1.0.22"], pod: "cart-b")),\(F.endpoint(["10.1.0.21"], pod: "cart-a"))]"),
                F.endpointSlice("shop", "cart-1", service: "cart", endpoints: "[\(F.endpoint(["10.1.0.21"], pod: "cart-a"))]"),
                F.endpointSlice("shop", "cart-3", service: "cart", endpoints: "[]"),
                F.endpointSlice(
                    "shop", "cart-fqdn", service: "cart", addressType: "FQDN", endpoints: "[\(F.endpoint(["cart.example.com"], pod: "cart-x"))]"),
                F.endpointSlice("shop", "other-1", service: "other", endpoints: "[\(F.endpoint(["10.1.0.99"], pod: "other"))]"),
            ])
        #expect(
            ExportJoin.outcome(of: objects).exports == [
                ServiceExport(
                    key: F.key("shop", "cart"), kind: .clusterSetIP([F.address("10.96.0.20"), F.address("fd00:96::20")]),
                    ports: [ServicePort(name: nil, port: 80, portProtocol: .tcp)],
                    endpoints: [
                        Endpoint(addresses: [F.address("10.1.0.21")], ready: true),
                        Endpoint(addresses: [F.address("10.1.0.22")], ready: true),
                    ])
            ])
    }

    @Test func onlyExportedServicesArePublishedInOrder() throws {
        let objects = try F.objects(
            serviceExports: [F.serviceExport("b", "web"), F.serviceExport("a", "web"), F.serviceExport("a", "gone"), F.serviceExport("a", "mail")],
            services: [
                F.clusterIPService("b", "web", ips: ["10.96.1.1"], ports: "[]"),
                F.clusterIPService("a", "web", ips: ["10.96.1.2"], ports: "[]"),
                F.clusterIPService("a", "internal", ips: ["10.96.1.3"], ports: "[]"),
                #"{"metadata":{"name":"mail","namespace":"a"},"spec":{"type":"ExternalName","externalName":"mail.example.com"}}"#,
            ])
        let outcome = ExportJoin.outcome(of: objects)
        #expect(outcome.exports.map(\.key) == [F.key("a", "web"), F.key("b", "web")])
        #expect(outcome.exports.map(\.endpoints) == [[], []])
        #expect(
            outcome.skipped == [
                ObjectKey(namespace: "a", name: "gone"): "no Service of that name",
                ObjectKey(namespace: "a", name: "mail"): "an ExternalName Service has no endpoints to export",
            ])
    }

    @Test func visibilityAnnotationsLimitWhoResolvesTheExportAndAMalformedOneSkipsIt() throws {
        let annotated = { (name: String, annotations: String) in
            #"{"metadata":{"name":"\#(name)","namespace":"a","annotations":{\#(annotations)}}}"#
        }
        let objects = try F.objects(
            serviceExports: [
                annotated("web", #""gnsd.io/visible-to-clusters":"aws-*, gcp-east","gnsd.io/visible-to-labels":"env=prod, tier = gold""#),
                annotated("own", #""gnsd.io/visible-to-clusters":"""#), annotated("bad", #""gnsd.io/visible-to-labels":"env""#),
                annotated("plain", #""team":"payments""#),
            ],
            services: ["web", "own", "bad", "plain"].map { F.clusterIPService("a", $0, ips: ["10.96.1.1"], ports: "[]") })
        let outcome = ExportJoin.outcome(of: objects)
        #expect(outcome.exports.map(\.key) == [F.key("a", "own"), F.key("a", "plain"), F.key("a", "web")])
        #expect(
            outcome.exports.map(\.visibility) == [
                ExportVisibility(), nil, ExportVisibility(clusters: ["aws-*", "gcp-east"], labels: ["env": "prod", "tier": "gold"]),
            ])
        #expect(outcome.skipped == [ObjectKey(namespace: "a", name: "bad"): #"gnsd.io/visible-to-labels: "env" is not key=value"#])
    }

    @Test func serviceWithoutClusterIPIsSkipped() throws {
        let objects = try F.objects(
            serviceExports: [F.serviceExport("a", "new")],
            services: [#"{"metadata":{"name":"new","namespace":"a"},"spec":{"type":"ClusterIP","ports":[{"port":80}]}}"#])
        let outcome = ExportJoin.outcome(of: objects)
        #expect(outcome.exports == [])
        #expect(outcome.skipped == [ObjectKey(namespace: "a", name: "new"): "the Service has no cluster IP"])
    }

    @Test func theSameObjectsGiveTheSameExportsWhateverTheirOrder() throws {
        let slices = (0..<6).map { index in
            F.endpointSlice("shop", "s-\(index)", service: "cart", endpoints: "[\(F.endpoint(["10.1.\(index % 3).\(index)"], pod: "p\(index % 4)"))]")
        }
        let forward = try F.objects(
            serviceExports: [F.serviceExport("shop", "cart")],
            services: [F.clusterIPService("shop", "cart", ips: ["10.96.0.20"], ports: "[]")], endpointSlices: slices)
        let backward = try F.objects(
            serviceExports: [F.serviceExport("shop", "cart")],
            services: [F.clusterIPService("shop", "cart", ips: ["10.96.0.20"], ports: "[]")], endpointSlices: slices.reversed())
        let exports = ExportJoin.outcome(of: forward).exports
        #expect(exports == ExportJoin.outcome(of: backward).exports)
        #expect(
            exports.first?.endpoints.map { $0.addresses.map(\.description) } == [
                ["10.1.0.0", "10.1.1.4"], ["10.1.0.3"], ["10.1.1.1", "10.1.2.5"], ["10.1.2.2"],
            ])
    }
}
