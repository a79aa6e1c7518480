import Foundation
import GNSClient
import TestKit
import TestSupport
import Testing

/// The `gnsctl` binary against a real gnsd: each command's table and JSON, pushes from files,
/// tokens, and the error line and exit status of every kind of failure.
@Suite(.serialized)
struct GNSCtlTests {
    typealias Fixture = PushFixture

    /// Runs `body` with a gnsd holding aws-west's first snapshot.
    static func withPushed(_ body: (RunningServer) async throws -> Void) async throws {
        try await Fixture.withAdmin { client, server, _ in
            _ = try await client.putSnapshot(cluster: Fixture.west, Fixture.westSnapshot)
            try await body(server)
        }
    }

    static func expectOutput(_ output: ExternalCommand.Output, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(output.status == 0, "\(output.standardError)", sourceLocation: sourceLocation)
        #expect(output.standardOutput == expected, sourceLocation: sourceLocation)
        #expect(output.standardError == "", sourceLocation: sourceLocation)
    }

    static func expectFailure(_ output: ExternalCommand.Output, status: Int32, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(output.status == status, sourceLocation: sourceLocation)
        #expect(output.standardError == line + "\n", sourceLocation: sourceLocation)
        #expect(output.standardOutput == "", sourceLocation: sourceLocation)
    }

    @Test func clusters() async throws {
        try await Self.withPushed { server in
            Self.expectOutput(
                try await GNSCtlProcess.run(["clusters"], server: server),
                """
                CLUSTER   REGION   ZONE  LABELS     GENERATION  LEASE  EXPIRES  ENDPOINTS  HELD
                aws-west  us-west  -     cloud=aws  1           live   15.0s    3          -

                """)
            Self.expectOutput(
                try await GNSCtlProcess.run(["--output", "json", "clusters"], server: server),
                """
                {
                  "clusters" : [
                    {
                      "endpoints" : 3,
                      "generation" : 1,
                      "id" : "aws-west",
                      "labels" : {
                        "cloud" : "aws"
                      },
                      "lease" : "live",
                      "leaseExpiresInSeconds" : 15,
                      "region" : "us-west"
                    }
                  ]
                }

                """)
        }
    }

    @Test func services() async throws {
        try await Self.withPushed { server in
            Self.expectOutput(
                try await GNSCtlProcess.run(["services"], server: server),
                """
                SERVICE          CLUSTER   TYPE          IPS         PORTS                 READY  LEASE
                default/catalog  aws-west  clusterSetIP  10.96.0.10  http:80/TCP           1/2    live
                default/db       aws-west  headless      -           pg:5432/TCP,9187/UDP  1/1    live

                """)
            Self.expectOutput(
                try await GNSCtlProcess.run(["services", "--output", "json"], server: server),
                """
                {
                  "services" : [
                    {
                      "clusters" : [
                        {
                          "cluster" : "aws-west",
                          "endpoints" : 2,
                          "ips" : [
                            "10.96.0.10"
                          ],
                          "lease" : "live",
                          "ports" : [
                            {
                              "name" : "http",
                              "port" : 80,
                              "protocol" : "TCP"
                            }
                          ],
                          "readyEndpoints" : 1,
                          "type" : "clusterSetIP"
                        }
                      ],
                      "name" : "catalog",
                      "namespace" : "default"
                    },
                    {
                      "clusters" : [
                        {
                          "cluster" : "aws-west",
                          "endpoints" : 1,
                          "lease" : "live",
                          "ports" : [
                            {
                              "name" : "pg",
                              "port" : 5432,
                              "protocol" : "TCP"
                            },
                            {
                              "port" : 9187,
                              "protocol" : "UDP"
                            }
                          ],
                          "readyEndpoints" : 1,
                          "type" : "headless"
                        }
                      ],
                      "name" : "db",
                      "namespace" : "default"
                    }
                  ]
                }

                """)
        }
    }

    @Test func exports() async throws {
        try await Self.withPushed { server in
            Self.expectOutput(
                try await GNSCtlProcess.run(["exports", "aws-west"], server: server),
                """
                SERVICE          TYPE          IPS         PORTS                 ADDRESSES             HOSTNAME  READY  ZONE        WEIGHT
                default/catalog  clusterSetIP  10.96.0.10  http:80/TCP           10.1.0.11             -         yes    us-west-2a  1
                default/catalog  clusterSetIP  10.96.0.10  http:80/TCP           10.1.0.12             -         no     us-west-2b  3
                default/db       headless      -           pg:5432/TCP,9187/UDP  10.1.0.31,fd00:1::31  db-0      yes    -           1

                """)
            let json = try await GNSCtlProcess.run(["exports", "aws-west", "--output", "json"], server: server)
            #expect(json.status == 0)
            let decoded = try JSONDecoder().decode(ClusterExports.self, from: Data(json.standardOutput.utf8))
            #expect(decoded.exports == [ExportBody(Fixture.catalog), ExportBody(Fixture.db)])
            #expect(
                json.standardOutput.hasPrefix(
                    """
                    {
                      "cluster" : "aws-west",
                      "exports" : [
                        {
                          "endpoints" : [
                            {
                              "addresses" : [
                                "10.1.0.11"
                              ],
                              "ready" : true,
                              "weight" : 1,
                              "zone" : "us-west-2a"
                            },
                    """), "\(json.standardOutput)")
        }
    }

    @Test func explain() async throws {
        try await Self.withPushed { server in
            Self.expectOutput(
                try await GNSCtlProcess.run(["explain", "catalog.acme.local", "--client", "10.1.2.3"], server: server),
                """
                name         catalog.acme.local.
                type         A
                zone         acme.local.
                source       global-namespace
                client       aws-west, by the source address 10.1.2.3 in 10.1.0.0/16
                policy       local-first
                rcode        NOERROR, authoritative
                fail static  no

                CLUSTER   NAMESPACE  LEASE  READY  LOCALITY        INCLUDED  REASON
                aws-west  default    live   1      client-cluster  yes       live with ready endpoints

                ANSWER
                catalog.acme.local. 5 IN A 10.96.0.10

                """)
            Self.expectOutput(
                try await GNSCtlProcess.run(["explain", "nothing.acme.local", "--type", "AAAA", "--output", "json"], server: server),
                """
                {
                  "additionals" : [

                  ],
                  "answers" : [

                  ],
                  "authoritative" : true,
                  "authorities" : [
                    "acme.local. 30 IN SOA ns1.acme.local. hostmaster.acme.local. 2025060102 3600 600 1209600 30"
                  ],
                  "candidates" : [

                  ],
                  "clientClusterSource" : "unknown",
                  "clientPlacement" : "in no cluster: no client address or ECS subnet given",
                  "failStatic" : false,
                  "name" : "nothing.acme.local.",
                  "policy" : "local-first",
                  "rcode" : "NXDOMAIN",
                  "source" : "global-namespace",
                  "type" : "AAAA",
                  "zone" : "acme.local."
                }

                """)
        }
    }

    @Test func pushFromYAMLAndJSONFilesThenServices() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(
            "east.yaml",
            """
            cluster: {region: us-east}
            exports:
              - namespace: default
                name: catalog
                type: clusterSetIP
                ips: [10.112.0.10]
                ports: [{name: http, port: 80, protocol: TCP}]
                endpoints: [{addresses: [10.2.0.21], zone: us-east1-b}]
            """)
        try directory.write(
            "east.json",
            """
            {"exports": [{"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["10.112.0.11"],
                          "endpoints": [{"addresses": ["10.2.0.22"], "ready": false}]}]}
            """)
        try await Self.withPushed { server in
            let first = try await GNSCtlProcess.run(["push", "--cluster", "gcp-east", "--file", "\(directory.path)/east.yaml"], server: server)
            Self.expectOutput(
                first,
                """
                CLUSTER   GENERATION  VERSION  EXPIRES
                gcp-east  1           2        15.0s

                """)
            let second = try await GNSCtlProcess.run(
                ["push", "--cluster", "gcp-east", "--file", "\(directory.path)/east.json", "--output", "json"], server: server)
            Self.expectOutput(
                second,
                """
                {
                  "cluster" : "gcp-east",
                  "generation" : 2,
                  "leaseExpiresInSeconds" : 15,
                  "version" : 3
                }

                """)
            Self.expectOutput(
                try await GNSCtlProcess.run(["services"], server: server),
                """
                SERVICE          CLUSTER   TYPE          IPS          PORTS                 READY  LEASE
                default/catalog  aws-west  clusterSetIP  10.96.0.10   http:80/TCP           1/2    live
                default/catalog  gcp-east  clusterSetIP  10.112.0.11  -                     0/1    live
                default/db       aws-west  headless      -            pg:5432/TCP,9187/UDP  1/1    live

                """)
        }
    }

    @Test func tokenFromTheEnvironmentRequiredAndRefused() async throws {
        try await Self.withPushed { server in
            let url = "http://127.0.0.1:\(server.apiPort)"
            Self.expectFailure(
                try await GNSCtlProcess.run(["clusters"], server: server, token: nil), status: 1,
                "gnsctl: 401 unauthorized: an Authorization: Bearer token is required")
            Self.expectFailure(
                try await GNSCtlProcess.run(["clusters"], server: server, token: "wrong"), status: 1,
                "gnsctl: 401 unauthorized: the bearer token is not valid")
            let fromEnvironment = try await GNSCtlProcess.run(["clusters"], environment: ["GNSCTL_SERVER": url, "GNSCTL_TOKEN": Fixture.westToken])
            #expect(fromEnvironment.status == 0, "\(fromEnvironment.standardError)")
            #expect(fromEnvironment.standardOutput.hasPrefix("CLUSTER "))
            Self.expectFailure(
                try await GNSCtlProcess.run(["delete-cluster", "aws-west"], server: server, token: Fixture.westToken), status: 1,
                "gnsctl: 403 forbidden: only an admin deletes clusters")
            Self.expectOutput(try await GNSCtlProcess.run(["delete-cluster", "aws-west"], server: server), "deleted cluster aws-west\n")
            Self.expectFailure(
                try await GNSCtlProcess.run(["delete-cluster", "aws-west", "--output", "json"], server: server), status: 1,
                "gnsctl: 404 unknown_cluster: cluster aws-west is not known; send a snapshot first")
            Self.expectOutput(
                try await GNSCtlProcess.run(["clusters"], server: server),
                "CLUSTER  REGION  ZONE  LABELS  GENERATION  LEASE  EXPIRES  ENDPOINTS  HELD\n")
        }
    }

    @Test func apiErrorsAreOneLineWithStatus1() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("old.json", #"{"generation": 1, "exports": []}"#)
        try await Self.withPushed { server in
            Self.expectFailure(
                try await GNSCtlProcess.run(["exports", "gcp-east"], server: server), status: 1,
                "gnsctl: 404 unknown_cluster: cluster gcp-east is not known; send a snapshot first")
            Self.expectFailure(
                try await GNSCtlProcess.run(["push", "--cluster", "aws-west", "--file", "\(directory.path)/old.json"], server: server), status: 1,
                "gnsctl: 409 stale_generation: generation must be greater than the current generation 1")
            Self.expectFailure(
                try await GNSCtlProcess.run(["explain", "catalog.acme.local", "--type", "BOGUS"], server: server), status: 1,
                "gnsctl: 422 invalid: type: must be a record type such as A, AAAA, SRV or TYPE65")
        }
    }

    @Test func pushAfterTheHighestGenerationFailsWithOneLine() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("highest.json", #"{"generation": 9007199254740992, "exports": []}"#)
        try directory.write("next.json", #"{"exports": []}"#)
        try await Self.withPushed { server in
            let highest = try await GNSCtlProcess.run(["push", "--cluster", "gcp-east", "--file", "\(directory.path)/highest.json"], server: server)
            #expect(highest.status == 0, "\(highest.standardError)")
            Self.expectFailure(
                try await GNSCtlProcess.run(["push", "--cluster", "gcp-east", "--file", "\(directory.path)/next.json"], server: server), status: 1,
                "gnsctl: cluster gcp-east is at generation 9007199254740992, at or past the highest there is (9007199254740992); "
                    + "no snapshot can follow it: delete the cluster with gnsctl delete-cluster first")
        }
    }

    @Test func statusZonesAndVersion() async throws {
        try await Self.withPushed { server in
            Self.expectOutput(try await GNSCtlProcess.run(["version"], server: server), "gnsctl 0.1.0\ngnsd 0.1.0\n")
            Self.expectOutput(try await GNSCtlProcess.run(["--version"]), "0.1.0\n")

            let zones = try await GNSCtlProcess.run(["zones"], server: server)
            #expect(zones.status == 0, "\(zones.standardError)")
            let rows = zones.standardOutput.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
            #expect(
                rows.map { [$0[0], $0[1], $0[3]] } == [
                    ["ZONE", "SERIAL", "DYNAMIC"], ["acme.local.", "2025060101", "yes"], ["clusterset.local.", "2025060101", "yes"],
                ])

            let status = try await GNSCtlProcess.run(["status"], server: server)
            #expect(status.status == 0, "\(status.standardError)")
            let lines = status.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.count == 6, "\(lines)")
            #expect(lines.first?.hasPrefix("gnsd 0.1.0, up ") == true, "\(lines)")
            #expect(
                Array(lines.dropFirst().prefix(3)) == [
                    "zones: acme.local. serial 2025060101, clusterset.local. serial 2025060101", "last zone reload: none since start",
                    "clusters: 1 live, 0 stale, 0 expired; 2 services, 3 endpoints",
                ])
            #expect(lines.last?.hasPrefix("pushes: ") == true && lines.last?.hasSuffix("/s over the last minute, 1 since start") == true, "\(lines)")
        }
    }

    @Test func unreachableServerIsStatus3() async throws {
        let port = try FreePort.find()
        Self.expectFailure(
            try await GNSCtlProcess.run(["clusters", "--server", "http://127.0.0.1:\(port)"]), status: 3,
            "gnsctl: cannot reach http://127.0.0.1:\(port): connection refused")
    }

    @Test func usageErrorsAreStatus2() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("bad.yaml", "exports: [{namespace: default, name: x, type: headless, ports: [{port: http, protocol: TCP}]}]\n")
        try directory.write(
            "redy.yaml", "exports: [{namespace: default, name: x, type: headless, endpoints: [{addresses: [10.1.0.1], redy: false}]}]\n")
        try directory.write("null.json", #"{"cluster": {"labels": {"cloud": null}}, "exports": []}"#)
        let server = ["--server", "http://127.0.0.1:1"]
        let cases: [([String], String)] = [
            (["clusters", "--bogus"], "gnsctl: Unknown option '--bogus'"),
            (["exports", "Bad_"] + server, "gnsctl: The value 'Bad_' is invalid for '<cluster>': must be a lower-case DNS label such as aws-west"),
            (
                ["explain", "x.acme.local", "--client", "10.1"] + server,
                "gnsctl: The value '10.1' is invalid for '--client <IP>': must be an IPv4 or IPv6 address"
            ),
            (
                ["clusters", "--output", "yaml"] + server,
                "gnsctl: The value 'yaml' is invalid for '--output <output>'. Please provide one of 'table' and 'json'."
            ),
            (["clusters", "--timeout", "0"] + server, "gnsctl: --timeout must be above 0 and at most 3600 seconds, got 0.0"),
            (["clusters", "--server", "ftp://127.0.0.1"], "gnsctl: invalid server URL ftp://127.0.0.1: must be http:// or https:// with a host"),
            (["push", "--cluster", "aws-west"] + server, "gnsctl: Missing expected argument '--file <FILE>'"),
            (
                ["push", "--cluster", "aws-west", "--file", "\(directory.path)/none.json"] + server,
                "gnsctl: \(directory.path)/none.json: cannot read the file"
            ),
            (
                ["push", "--cluster", "aws-west", "--file", "\(directory.path)/bad.yaml"] + server,
                "gnsctl: \(directory.path)/bad.yaml: exports[0].ports[0].port: must be an integer"
            ),
            (
                ["push", "--cluster", "aws-west", "--file", "\(directory.path)/redy.yaml"] + server,
                "gnsctl: \(directory.path)/redy.yaml: exports[0].endpoints[0].redy: is not a known member (known: addresses, hostname, ready, zone, weight)"
            ),
            (
                ["push", "--cluster", "aws-west", "--file", "\(directory.path)/null.json"] + server,
                "gnsctl: \(directory.path)/null.json: cluster.labels.cloud: must not be null"
            ),
        ]
        for (arguments, line) in cases {
            Self.expectFailure(try await GNSCtlProcess.run(arguments), status: 2, line)
        }
    }
}
