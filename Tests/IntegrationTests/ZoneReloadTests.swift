import Foundation
import GNSDServer
import TestKit
import TestSupport
import Testing

/// Zone reloads are atomic: a good zone replaces the old one whole; a bad one leaves the old one served.
@Suite(.serialized)
struct ZoneReloadTests {
    static let addedRecord = "added       A     192.0.2.200"

    @Test func reloadPublishesGoodZonesAndKeepsOldOnError() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path) { server in
            #expect(try await DNSLookup.query(.dig, port: server.port, "added.edge.test", "A").rcode == "NXDOMAIN")

            try zones.write("edge.test.zone", ServedZones.edgeCaseZone(serial: 2, extra: Self.addedRecord))
            #expect(server.application.reloadZones())
            let added = try await DNSLookup.query(.dig, port: server.port, "added.edge.test", "A")
            #expect(added.answer == ["added.edge.test. 600 IN A 192.0.2.200"], "\(added)")
            let soa = try await DNSLookup.query(.dig, port: server.port, "edge.test", "SOA")
            #expect(soa.answer == ["edge.test. 3600 IN SOA ns1.edge.test. hostmaster.edge.test. 2 3600 600 86400 60"])

            try zones.write("edge.test.zone", ServedZones.edgeCaseZone(serial: 3, extra: "broken  A  not-an-address"))
            #expect(!server.application.reloadZones())
            let kept = try await DNSLookup.query(.dig, port: server.port, "added.edge.test", "A")
            #expect(kept.answer == ["added.edge.test. 600 IN A 192.0.2.200"], "old zones still served")
        }
    }

    @Test func reloadKeepsZonesThatGlobalNamespacesNeed() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try zones.write("other.test.zone", "@ 60 IN SOA ns hostmaster 1 60 60 60 60\n@ 60 IN NS ns\nns 60 IN A 127.0.0.1\n")
        try await withServer(
            zones: zones.path,
            adjust: {
                $0.globalNamespaces = [GlobalNamespaceSettings(name: "edge", domain: "edge.test.", members: [.init(namespace: "default")])]
            }
        ) { server in
            try FileManager.default.moveItem(atPath: "\(zones.path)/edge.test.zone", toPath: "\(zones.path)/edge.test.old")
            #expect(!server.application.reloadZones(), "a reload without the namespace's zone is refused")
            let kept = try await DNSLookup.query(.dig, port: server.port, "host.edge.test", "A")
            #expect(kept.answer == ["host.edge.test. 20 IN A 192.0.2.1"], "old zones still served")
        }
    }

    @Test func changedFilesAreReloadedByTheFileCheck() async throws {
        let zones = try ServedZones.edgeCaseDirectory()
        defer { zones.remove() }
        try await withServer(zones: zones.path, adjust: { $0.zones.reloadIntervalSeconds = 1 }) { server in
            try zones.write("edge.test.zone", ServedZones.edgeCaseZone(serial: 2, extra: Self.addedRecord + "\n; a longer file"))
            let answer = try await eventuallyValue(within: .seconds(10), every: .milliseconds(250)) {
                let answer = try await DNSLookup.query(.dig, port: server.port, "added.edge.test", "A").answer
                return answer.isEmpty ? nil : answer
            }
            #expect(answer == ["added.edge.test. 600 IN A 192.0.2.200"])
        }
    }

    @Test func badZoneStopsStartupWithFileAndLine() async throws {
        let zones = try ServedZones.edgeCaseDirectory(extra: "broken  A  not-an-address")
        defer { zones.remove() }
        let error = await #expect(throws: (any Error).self) {
            _ = try await RunningServer.start(zones: zones.path)
        }
        let text = "\(error.map { "\($0)" } ?? "")"
        #expect(text.hasPrefix("\(zones.path)/edge.test.zone:112: "), "\(text)")
    }
}
