import APIBodies
import Foundation
import Testing

/// The body types refuse what gnsd refuses unless told to skip unknown members, and describe a
/// refusal as gnsd answers it.
struct StrictDecodingTests {
    static func problem<Body: Decodable>(_ type: Body.Type, _ json: String) -> String? {
        do {
            _ = try JSONDecoder().decode(Body.self, from: Data(json.utf8))
            return nil
        } catch {
            return DecodingProblem.describe(error)
        }
    }

    @Test(arguments: [
        (#"{"addresses":["10.0.0.1"],"redy":false}"#, "redy: is not a known member (known: addresses, hostname, ready, zone, weight)"),
        (#"{"addresses":["10.0.0.1"],"ready":null}"#, "ready: must be true or false"),
        (#"{"addresses":["10.0.0.1"],"weight":1.5}"#, "weight: must be an integer from \(Int.min) to \(Int.max)"),
        (#"{"addresses":"10.0.0.1"}"#, "addresses: must be an array"),
        (#"{"hostname":"a"}"#, "addresses: is required"),
        (#"["10.0.0.1"]"#, "the body must be a JSON object"),
        (#"{"addresses":"#, "the body is not valid JSON: The given data was not valid JSON."),
    ])
    func endpointRefusals(json: String, problem: String) {
        #expect(Self.problem(EndpointBody.self, json) == problem)
    }

    @Test(arguments: [
        (#"{"generation":0,"exports":[]}"#, "generation: must be an integer from 1 to 9007199254740992"),
        (#"{"generation":9007199254740993,"exports":[]}"#, "generation: must be an integer from 1 to 9007199254740992"),
        (#"{"generation":-1,"exports":[]}"#, "generation: must be an integer from 1 to 9007199254740992"),
        (#"{"generation":"1","exports":[]}"#, "generation: must be an integer"),
        (
            #"{"generation":1,"exports":[{"namespace":"a","name":"b","type":"headless","ports":[{"port":80}]}]}"#,
            "exports[0].ports[0].protocol: is required"
        ),
        (#"{"generation":1,"cluster":{"labels":{"cloud":null}},"exports":[]}"#, "cluster.labels.cloud: must not be null"),
    ])
    func snapshotRefusals(json: String, problem: String) {
        #expect(Self.problem(SnapshotBody.self, json) == problem)
    }

    @Test func aClientSkipsMembersANewerServerAdds() throws {
        let json = Data(#"{"addresses":["10.0.0.1"],"ready":true,"priority":3}"#.utf8)
        let decoder = JSONDecoder()
        decoder.userInfo[.acceptsUnknownMembers] = true
        #expect(try decoder.decode(EndpointBody.self, from: json) == EndpointBody(addresses: ["10.0.0.1"], ready: true))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(EndpointBody.self, from: json) }
    }

    @Test func aBodyDecodesToWhatEncodedIt() throws {
        let body = SnapshotBody(
            generation: 7, cluster: ClusterInfoBody(region: "us-west", labels: ["cloud": "aws"]),
            exports: [
                ExportBody(
                    namespace: "shop", name: "catalog", type: "clusterSetIP", ips: ["10.96.0.10"],
                    ports: [PortBody(name: "http", port: 80, protocol: "TCP")],
                    endpoints: [EndpointBody(addresses: ["10.1.0.1"], hostname: "catalog-0", ready: false, zone: "us-west-2a", weight: 3)])
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(body)
        #expect(try JSONDecoder().decode(SnapshotBody.self, from: json) == body)
        #expect(
            String(decoding: json, as: UTF8.self)
                == #"{"cluster":{"labels":{"cloud":"aws"},"region":"us-west"},"exports":[{"endpoints":[{"addresses":["10.1.0.1"],"hostname":"catalog-0","ready":false,"weight":3,"zone":"us-west-2a"}],"ips":["10.96.0.10"],"name":"catalog","namespace":"shop","ports":[{"name":"http","port":80,"protocol":"TCP"}],"type":"clusterSetIP"}],"generation":7}"#
        )
    }
}
