import EndpointTable
import Synchronization
import TestKit
import TestSupport
import Testing

@testable import GNSAgent

/// The file source end to end with a scripted prober: the first state, reloads, a broken file
/// logged once, and health verdicts flipping readiness.
@Suite(.serialized)
struct FileExportSourceTests {
    /// Passes the checks of the addresses it is told, fails the rest.
    final class ScriptedProber: HealthProber {
        private let passing = Mutex<Set<IPAddress>>([])

        func set(_ address: String, passing pass: Bool) {
            _ = passing.withLock { pass ? $0.insert(IPAddress(address)!).inserted : $0.remove(IPAddress(address)!) != nil }
        }

        func probe(_ check: HealthCheck, address: IPAddress) async -> Bool {
            passing.withLock { $0.contains(address) }
        }
    }

    /// Every state the source published, in order.
    final class Publications: Sendable {
        private let states = Mutex<[(exports: [ServiceExport], resync: Bool)]>([])

        func append(_ exports: [ServiceExport], _ resync: Bool) { states.withLock { $0.append((exports, resync)) } }

        var all: [(exports: [ServiceExport], resync: Bool)] { states.withLock { $0 } }

        /// Waits up to 5 s for a publication that satisfies `match`, returning its index.
        func wait(for match: ([ServiceExport]) -> Bool) async throws -> Int? {
            try await eventuallyValue(within: .seconds(5), every: .milliseconds(20)) { all.firstIndex { match($0.exports) } }
        }
    }

    static func yaml(_ endpoints: [(String, ready: Bool)], check: String = "") -> String {
        """
        exports:
          - namespace: default
            name: web
            type: clusterSetIP
            ips: [10.96.0.1]
            ports: [{name: http, port: 80}]
        \(check.isEmpty ? "" : "    healthCheck: \(check)\n")    endpoints:
        \(endpoints.map { "      - {addresses: [\($0.0)], ready: \($0.ready)}" }.joined(separator: "\n"))

        """
    }

    static func readiness(_ exports: [ServiceExport]) -> [String: Bool] {
        Dictionary(uniqueKeysWithValues: exports.flatMap(\.endpoints).map { ($0.addresses[0].description, $0.ready) })
    }

    /// Runs the source on `directory/exports.yaml` while `body` runs.
    static func running(
        _ directory: TemporaryDirectory, prober: ScriptedProber = ScriptedProber(), log: LogRecorder = LogRecorder(),
        _ body: (Publications) async throws -> Void
    ) async throws {
        let source = try FileExportSource(
            path: "\(directory.path)/exports.yaml", logger: log.logger(level: .info), pollInterval: .milliseconds(20),
            prober: prober)
        let publications = Publications()
        let task = Task { try await source.run { exports, resync in publications.append(exports, resync) } }
        do {
            try await body(publications)
        } catch {
            task.cancel()
            _ = try? await task.value
            throw error
        }
        task.cancel()
        _ = try? await task.value
    }

    @Test func publishesTheFileThenEachGoodChangeAndLogsABrokenOneOnce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("exports.yaml", Self.yaml([("10.1.0.1", ready: true)]))
        let log = LogRecorder()
        try await Self.running(directory, log: log) { publications in
            let first = try await publications.wait { _ in true }
            #expect(first == 0)
            #expect(publications.all.first?.resync == true)
            #expect(publications.all.first?.exports == [AgentFixtures.export(AgentFixtures.web, [("10.1.0.1", ready: true)])])

            try directory.write("exports.yaml", Self.yaml([("10.1.0.1", ready: false), ("10.1.0.2", ready: true)]))
            let second = try await publications.wait { Self.readiness($0) == ["10.1.0.1": false, "10.1.0.2": true] }
            #expect(second == 1)
            #expect(publications.all[1].resync == false)

            try directory.write("exports.yaml", "exports:\n  - namespace: default\n    name: web\n    type: sideways\n")
            try await Task.sleep(for: .milliseconds(300))
            try directory.write("exports.yaml", "exports:\n  - namespace: default\n    name: web\n    type: sideways\n")
            try await Task.sleep(for: .milliseconds(300))
            #expect(publications.all.count == 2, "a broken file changes nothing")
            #expect(
                log.messages.filter { $0.hasPrefix("error") } == [
                    "error: export file not used, keeping the last good state: \(directory.path)/exports.yaml:4: exports[0].type: must be clusterSetIP or headless, got \"sideways\""
                ])

            try directory.write("exports.yaml", "exports: []\n")
            let emptied = try await publications.wait { $0.isEmpty }
            #expect(emptied == 2)
            #expect(publications.all.count == 3)
        }
    }

    @Test func healthVerdictsDecideReadinessAndSurviveAReload() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let check = "{type: tcp, interval: 0.1, timeout: 0.1, rise: 1, fall: 2}"
        try directory.write("exports.yaml", Self.yaml([("10.1.0.1", ready: true), ("10.1.0.2", ready: false)], check: check))
        let prober = ScriptedProber()
        prober.set("10.1.0.1", passing: true)
        prober.set("10.1.0.2", passing: true)
        try await Self.running(directory, prober: prober) { publications in
            #expect(try await publications.wait { _ in true } == 0)
            #expect(Self.readiness(publications.all[0].exports) == ["10.1.0.1": true, "10.1.0.2": false], "the file's readiness first")
            #expect(try await publications.wait { Self.readiness($0) == ["10.1.0.1": true, "10.1.0.2": true] } != nil)

            prober.set("10.1.0.1", passing: false)
            let failed = try #require(try await publications.wait { Self.readiness($0) == ["10.1.0.1": false, "10.1.0.2": true] })

            try directory.write(
                "exports.yaml", Self.yaml([("10.1.0.1", ready: true), ("10.1.0.2", ready: false), ("10.1.0.3", ready: true)], check: check))
            #expect(try await publications.wait { Self.readiness($0) == ["10.1.0.1": false, "10.1.0.2": true, "10.1.0.3": false] } != nil)
            let sinceReload = publications.all.dropFirst(failed + 1)
            #expect(sinceReload.allSatisfy { Self.readiness($0.exports)["10.1.0.1"] == false }, "verdicts survive the reload")
            #expect(sinceReload.allSatisfy { !$0.resync })
        }
    }
}
