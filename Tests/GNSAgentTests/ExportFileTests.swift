import EndpointTable
import Foundation
import Testing

@testable import GNSAgent

/// Export files: the shipped example, JSON, defaults, and one exact error per kind of mistake.
struct ExportFileTests {
    /// The repository's example file.
    static let examplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../deploy/agent/exports.example.yaml").standardized.path

    static func address(_ text: String) -> IPAddress { IPAddress(text)! }

    @Test func theExampleFileParses() throws {
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        let file = try ExportFile(parsing: text, file: "exports.example.yaml")
        let catalog = ServiceExport(
            key: ServiceKey(namespace: "default", name: "catalog")!, kind: .clusterSetIP([Self.address("10.96.0.10")]),
            ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)],
            endpoints: [Endpoint(addresses: [Self.address("127.0.0.1")], ready: true, zone: "us-west-2a")])
        let db = ServiceExport(
            key: ServiceKey(namespace: "default", name: "db")!, kind: .headless,
            ports: [ServicePort(name: "pg", port: 5432, portProtocol: .tcp)],
            endpoints: [
                Endpoint(addresses: [Self.address("10.1.0.31")], hostname: "db-0", ready: true),
                Endpoint(addresses: [Self.address("10.1.0.32")], hostname: "db-1", ready: false),
            ])
        let check = HealthCheck(kind: .http, port: 8080, path: "/", interval: .seconds(1), timeout: .milliseconds(500), rise: 1, fall: 2)
        #expect(file == ExportFile(services: [.init(export: catalog, healthCheck: check), .init(export: db, healthCheck: nil)]))
    }

    @Test func jsonWithDefaults() throws {
        let json = """
            {"exports": [{"namespace": "shop", "name": "carts", "type": "headless",
              "ports": [{"port": 6379}],
              "healthCheck": {"type": "tcp"},
              "endpoints": [{"addresses": ["10.1.3.7", "fd00:1::7"], "weight": 3, "ready": false}]}]}
            """
        let file = try ExportFile(parsing: json, file: "exports.json")
        let export = ServiceExport(
            key: ServiceKey(namespace: "shop", name: "carts")!, kind: .headless,
            ports: [ServicePort(name: nil, port: 6379, portProtocol: .tcp)],
            endpoints: [Endpoint(addresses: [Self.address("10.1.3.7"), Self.address("fd00:1::7")], ready: false, weight: 3)])
        let check = HealthCheck(kind: .tcp, port: 6379, interval: .seconds(2), timeout: .seconds(1), rise: 2, fall: 2)
        #expect(file == ExportFile(services: [.init(export: export, healthCheck: check)]))
    }

    @Test func visibleToNamesTheClustersThatMayResolveTheExport() throws {
        let yaml = """
            exports:
              - namespace: shop
                name: payments
                type: headless
                visibleTo:
                  clusters: [aws-*, gcp-east]
                  labels: {env: prod}
            """
        let file = try ExportFile(parsing: yaml, file: "e.yaml")
        #expect(file.services.first?.export.visibility == ExportVisibility(clusters: ["aws-*", "gcp-east"], labels: ["env": "prod"]))
        let error = #expect(throws: ExportFileError.self) {
            try ExportFile(parsing: yaml.replacingOccurrences(of: "gcp-east", with: "GCP"), file: "e.yaml")
        }
        #expect(
            error?.description
                == #"e.yaml:6: exports[0].visibleTo.clusters[1]: must be a cluster id pattern: 1 to 63 characters of a-z, 0-9, '-', '*' and '?', got "GCP""#
        )
    }

    @Test func anEmptyListExportsNothing() throws {
        #expect(try ExportFile(parsing: "exports: []\n", file: "e.yaml") == ExportFile(services: []))
    }

    static let service = "exports:\n  - namespace: default\n    name: web\n"

    static let mistakes: [(text: String, message: String)] = [
        ("", "e.yaml: the file is empty; write `exports: []` to export nothing"),
        ("exports: [\n", "e.yaml:2: invalid YAML: did not find expected node content (while parsing a flow node on line 2)"),
        ("exportz: []\n", "e.yaml:1: exportz: unknown key; valid keys are exports"),
        ("exports:\n", "e.yaml:1: missing exports"),
        ("exports: {}\n", "e.yaml:1: exports: expected a list, got a mapping"),
        (service, "e.yaml:2: exports[0]: missing type"),
        ("\(service)    type: nodePort\n", "e.yaml:4: exports[0].type: must be clusterSetIP or headless, got \"nodePort\""),
        ("\(service)    type: clusterSetIP\n", "e.yaml:2: exports[0]: a clusterSetIP export needs at least one service IP"),
        ("\(service)    type: headless\n    ips: [10.96.0.1]\n", "e.yaml:5: exports[0].ips: a headless export has no service IPs"),
        (
            "\(service)    type: headless\n    endpoints:\n      - addresses: [10.0.0.300]\n",
            "e.yaml:6: exports[0].endpoints[0].addresses[0]: must be an IPv4 or IPv6 address, got \"10.0.0.300\""
        ),
        (
            "\(service)    type: headless\n    endpoints:\n      - addresses: []\n",
            "e.yaml:6: exports[0].endpoints[0].addresses: must hold at least one address"
        ),
        (
            "\(service)    type: headless\n    endpoints:\n      - {addresses: [10.0.0.1], ready: yes}\n",
            "e.yaml:6: exports[0].endpoints[0].ready: expected true or false, got \"yes\""
        ),
        (
            "\(service)    type: headless\n    endpoints:\n      - {addresses: [10.0.0.1], hostname: Web_0}\n",
            "e.yaml:6: exports[0].endpoints[0].hostname: must be an RFC 1123 label: 1 to 63 characters of a-z, 0-9 and '-', not starting or ending with '-', got \"Web_0\""
        ),
        ("\(service)    type: headless\n    ports: [{port: 70000}]\n", "e.yaml:5: exports[0].ports[0].port: must be from 1 to 65535, got 70000"),
        (
            "\(service)    type: headless\n    ports: [{port: 80, protocol: tcp}]\n",
            "e.yaml:5: exports[0].ports[0].protocol: must be TCP, UDP or SCTP, got \"tcp\""
        ),
        (
            "\(service)    type: headless\n    endpoints:\n      - {addresses: [10.0.0.1], wieght: 2}\n",
            "e.yaml:6: exports[0].endpoints[0].wieght: unknown key; valid keys are addresses, hostname, ready, zone, weight"
        ),
        (
            "\(service)    type: headless\n  - namespace: default\n    name: web\n    type: headless\n",
            "e.yaml:5: exports[1]: service default/web is listed twice"
        ),
        ("\(service)    type: headless\n    healthCheck: {type: udp}\n", "e.yaml:5: exports[0].healthCheck.type: must be tcp or http, got \"udp\""),
        (
            "\(service)    type: headless\n    healthCheck: {type: tcp}\n",
            "e.yaml:5: exports[0].healthCheck: missing port (the service has no port to check)"
        ),
        (
            "\(service)    type: headless\n    healthCheck: {type: tcp, port: 80, path: /}\n",
            "e.yaml:5: exports[0].healthCheck.path: only an http check has a path"
        ),
        (
            "\(service)    type: headless\n    healthCheck: {type: http, port: 80, path: \"/a b\"}\n",
            "e.yaml:5: exports[0].healthCheck.path: must start with / and hold no spaces or control characters, got \"/a b\""
        ),
        (
            "\(service)    type: headless\n    healthCheck: {type: http, port: 80, interval: 1, timeout: 2}\n",
            "e.yaml:5: exports[0].healthCheck.timeout: must not be longer than the interval"
        ),
        (
            "\(service)    type: headless\n    healthCheck: {type: http, port: 80, interval: 0}\n",
            "e.yaml:5: exports[0].healthCheck.interval: must be from 0.1 to 3600 seconds, got 0"
        ),
        (
            "\(service)    type: headless\n    healthCheck: {type: http, port: 80, fall: 0}\n",
            "e.yaml:5: exports[0].healthCheck.fall: must be from 1 to 100, got 0"
        ),
    ]

    @Test(arguments: mistakes)
    func mistakesAreOneExactLine(text: String, message: String) {
        #expect(throws: ExportFileError.self) { try ExportFile(parsing: text, file: "e.yaml") }
        do {
            _ = try ExportFile(parsing: text, file: "e.yaml")
        } catch {
            #expect(error.description == message)
        }
    }
}
