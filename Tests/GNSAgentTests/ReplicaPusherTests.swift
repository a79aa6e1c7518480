import EndpointTable
import KubernetesSource
import Logging
import Synchronization
import TestKit
import Testing

@testable import GNSAgent

/// The pusher's loop against a scripted replica: coalescing while a request is held, and the
/// answers that make it resync or retry.
struct ReplicaPusherTests {
    typealias F = AgentFixtures

    /// A replica that records each request, holds requests while `held`, and answers them from a script.
    final class ScriptedLink: ReplicaLink {
        struct Refusal: Error {
            var outcome: PushOutcome
        }

        private struct State {
            var requests: [PushAction] = []
            var held = false
            var answers: [PushOutcome] = []
            var generation: UInt64 = 0
        }

        private let state = Mutex(State())
        let name = "scripted"

        /// Answers the next requests with `answers` in order, then accepts.
        init(held: Bool = false, answers: [PushOutcome] = []) {
            state.withLock {
                $0.held = held
                $0.answers = answers
            }
        }

        var requests: [PushAction] { state.withLock { $0.requests } }

        func release() { state.withLock { $0.held = false } }

        /// Waits up to 5 s until `count` requests arrived.
        func wait(forRequests count: Int) async throws -> [PushAction] {
            _ = try await eventually(within: .seconds(5)) { requests.count >= count }
            return requests
        }

        private func answer(_ request: PushAction, generation: UInt64?) async throws -> PushReceipt {
            state.withLock { $0.requests.append(request) }
            while state.withLock({ $0.held }) {
                try await Task.sleep(for: .milliseconds(10))
            }
            let outcome = state.withLock { $0.answers.isEmpty ? nil : $0.answers.removeFirst() }
            if let outcome { throw Refusal(outcome: outcome) }
            return state.withLock { state in
                if let generation { state.generation = generation }
                return PushReceipt(generation: state.generation)
            }
        }

        func snapshot(generation: UInt64, exports: [ServiceExport], intended: Bool) async throws -> PushReceipt {
            try await answer(.snapshot(generation: generation, exports: exports, intended: intended), generation: generation)
        }

        func delta(baseGeneration: UInt64, generation: UInt64, _ delta: ExportDelta) async throws -> PushReceipt {
            try await answer(.delta(baseGeneration: baseGeneration, generation: generation, delta), generation: generation)
        }

        func heartbeat() async throws -> PushReceipt {
            try await answer(.heartbeat, generation: nil)
        }

        func outcome(of error: any Error) -> PushOutcome {
            (error as? Refusal)?.outcome ?? .failed
        }

        func shutdown() async {}
    }

    static let web1 = F.export(F.web, [("10.1.0.1", ready: true)])
    static let web2 = F.export(F.web, [("10.1.0.1", ready: false)])
    static let api = F.export(F.api, serviceIP: "10.96.0.2", [("10.1.0.9", ready: true)])

    /// Runs a pusher on `link` while `body` runs.
    static func running(
        _ link: ScriptedLink, logger: Logger = Logger(label: "test"), _ body: (ReplicaPusher) async throws -> Void
    ) async throws {
        let pusher = ReplicaPusher(
            link: link, heartbeat: .seconds(60), backoff: Backoff(initial: .milliseconds(10), maximum: .milliseconds(20)),
            confirmWithdrawalsAfter: nil, logger: logger)
        let task = Task { await pusher.run() }
        do {
            try await body(pusher)
        } catch {
            task.cancel()
            await task.value
            throw error
        }
        task.cancel()
        await task.value
    }

    @Test func statesPostedDuringAHeldRequestGoOutAsOneDelta() async throws {
        let link = ScriptedLink(held: true)
        try await Self.running(link) { pusher in
            pusher.mailbox.post([Self.web1], resync: true)
            #expect(try await link.wait(forRequests: 1) == [.snapshot(generation: 1, exports: [Self.web1])])
            pusher.mailbox.post([Self.web2], resync: false)
            pusher.mailbox.post([Self.web2, Self.api], resync: false)
            link.release()
            #expect(
                try await link.wait(forRequests: 2).last
                    == .delta(baseGeneration: 1, generation: 2, ExportDelta(upsert: [Self.api, Self.web2], remove: [])))
            try await Task.sleep(for: .milliseconds(100))
            #expect(link.requests.count == 2, "nothing more until the heartbeat is due")
        }
    }

    @Test func refusalsResyncAndFailuresRetry() async throws {
        let link = ScriptedLink(answers: [.failed, .failed, .conflict(currentGeneration: 9)])
        try await Self.running(link) { pusher in
            pusher.mailbox.post([Self.web1], resync: true)
            let requests = try await link.wait(forRequests: 4)
            #expect(
                requests == [
                    .snapshot(generation: 1, exports: [Self.web1]), .snapshot(generation: 1, exports: [Self.web1]),
                    .snapshot(generation: 1, exports: [Self.web1]), .snapshot(generation: 10, exports: [Self.web1]),
                ])
            pusher.mailbox.post([], resync: false)
            #expect(
                try await link.wait(forRequests: 5).last
                    == .delta(baseGeneration: 10, generation: 11, ExportDelta(upsert: [], remove: [F.web])))
        }
    }

    @Test func aReplicaAtTheHighestGenerationIsLoggedOnceAndNothingTraps() async throws {
        let link = ScriptedLink(answers: [.conflict(currentGeneration: .max)])
        let log = LogRecorder()
        try await Self.running(link, logger: log.logger(level: .info)) { pusher in
            pusher.mailbox.post([Self.web1], resync: true)
            #expect(try await link.wait(forRequests: 1) == [.snapshot(generation: 1, exports: [Self.web1])])
            pusher.mailbox.post([Self.web2], resync: false)
            try await Task.sleep(for: .milliseconds(200))
            #expect(link.requests.count == 1, "no snapshot or delta can follow the highest generation")
        }
        let errors = log.messages.filter { $0.hasPrefix("error: ") }
        #expect(
            errors == [
                "error: the replica holds generation 18446744073709551615, at or past the highest there is (9007199254740992): no change can be pushed "
                    + "to it; delete the cluster there (gnsctl delete-cluster) and the agent starts over at generation 1"
            ])
    }
}
