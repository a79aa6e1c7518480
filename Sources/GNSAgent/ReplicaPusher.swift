internal import GNSModel
internal import KubernetesSource
internal import Logging

/// Keeps one gnsd replica in sync with the newest state posted to its mailbox: runs a
/// ``PushPlanner`` against the replica's link until cancelled. Each replica has its own, so a
/// replica that is down delays nobody else.
struct ReplicaPusher: Sendable {
    let link: any ReplicaLink
    let mailbox = PushMailbox()
    let heartbeat: Duration
    let backoff: Backoff
    /// See ``PushPlanner/confirmWithdrawalsAfter``.
    let confirmWithdrawalsAfter: Duration?
    let logger: Logger

    /// Pushes until cancelled.
    func run() async {
        var planner = PushPlanner(heartbeat: heartbeat, backoff: backoff, confirmWithdrawalsAfter: confirmWithdrawalsAfter)
        var random = SystemRandomNumberGenerator()
        let clock = ContinuousClock()
        let origin = clock.now
        var failing = false
        while !Task.isCancelled {
            if let posted = mailbox.take() {
                planner.receive(posted.exports, resync: posted.resync)
            }
            let action = planner.next(now: clock.now - origin)
            switch action {
            case .wait(let deadline):
                await wait(until: deadline.map { origin + $0 })
                continue
            case .generationExhausted(let current):
                logger.error(
                    "the replica holds generation \(current), at or past the highest there is (\(GenerationRange.highest)): no change can be pushed to it; delete the cluster there (gnsctl delete-cluster) and the agent starts over at generation 1",
                    metadata: ["server": "\(link.name)"])
                continue
            default:
                break
            }
            let outcome: PushOutcome
            do {
                let receipt = try await send(action)
                outcome = .accepted(generation: receipt.generation, withdrawalsHeld: receipt.withdrawalsHeld)
                if receipt.withdrawalsHeld, action != .heartbeat {
                    let confirmation = confirmWithdrawalsAfter.map { ", or once the source keeps this state for \($0.components.seconds) s" } ?? ""
                    logger.notice(
                        "the replica holds this push's withdrawals (its withdrawal guard); they apply when its hold ends\(confirmation)",
                        metadata: ["server": "\(link.name)"])
                }
                if failing {
                    logger.notice("replica reachable again", metadata: ["server": "\(link.name)"])
                    failing = false
                }
            } catch {
                guard !Task.isCancelled else { return }
                outcome = link.outcome(of: error)
                failing = report(error, outcome: outcome, alreadyFailing: failing)
            }
            planner.complete(outcome, now: clock.now - origin, random: &random)
        }
    }

    private func send(_ action: PushAction) async throws -> PushReceipt {
        switch action {
        case .snapshot(let generation, let exports, let intended):
            let accepted = try await link.snapshot(generation: generation, exports: exports, intended: intended)
            let metadata: Logger.Metadata = ["server": "\(link.name)", "generation": "\(accepted.generation)", "services": "\(exports.count)"]
            if intended {
                logger.notice("snapshot pushed, its withdrawals confirmed", metadata: metadata)
            } else {
                logger.info("snapshot pushed", metadata: metadata)
            }
            return accepted
        case .delta(let base, let generation, let delta):
            let accepted = try await link.delta(baseGeneration: base, generation: generation, delta)
            logger.debug(
                "delta pushed",
                metadata: [
                    "server": "\(link.name)", "generation": "\(accepted.generation)", "upserted": "\(delta.upsert.count)",
                    "removed": "\(delta.remove.count)",
                ])
            return accepted
        case .heartbeat:
            let receipt = try await link.heartbeat()
            logger.trace("heartbeat", metadata: ["server": "\(link.name)"])
            return receipt
        case .wait, .generationExhausted:
            preconditionFailure("waits and reports are not sent")
        }
    }

    /// Logs a failed request: the first of a run of failures as a warning, the rest at debug level;
    /// a refusal that asks for a snapshot as a notice. Returns whether the replica is failing.
    private func report(_ error: any Error, outcome: PushOutcome, alreadyFailing: Bool) -> Bool {
        let metadata: Logger.Metadata = ["server": "\(link.name)"]
        if outcome != .failed {
            logger.notice("replica asks for a snapshot: \(error)", metadata: metadata)
            return alreadyFailing
        }
        if alreadyFailing {
            logger.debug("push failed again: \(error)", metadata: metadata)
        } else {
            logger.warning("push failed, retrying with backoff: \(error)", metadata: metadata)
        }
        return true
    }

    /// Sleeps until `deadline`, or until a new state is posted, whichever comes first.
    private func wait(until deadline: ContinuousClock.Instant?) async {
        guard let deadline else {
            await mailbox.waitForPost()
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
            group.addTask { await mailbox.waitForPost() }
            await group.next()
            group.cancelAll()
        }
    }
}
