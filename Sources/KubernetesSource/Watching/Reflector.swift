internal import Logging

/// Keeps one kind of object in step with the API server: lists it, watches from the list's resource version, resumes
/// dropped watches, relists when the version is gone, and backs off on errors; an empty relist over known objects waits
/// for a second list to confirm it (see ``ListWatchStateMachine``). Every change goes to `apply`.
struct Reflector<Object: KubernetesObject>: Sendable {
    let resource: KubernetesResource
    let client: KubernetesClient
    let backoff: Backoff
    /// How long an empty relist waits for the list that confirms it.
    let emptyListConfirmation: Duration
    let logger: Logger
    let apply: @Sendable (ResourceUpdate<Object>) -> Void

    /// Runs until the task is cancelled.
    func run() async {
        var machine = ListWatchStateMachine()
        var random = SystemRandomNumberGenerator()
        var known: Set<ObjectKey> = []
        while !Task.isCancelled {
            let action = machine.nextAction
            var delay: Duration
            switch action {
            case .list(let failures), .watch(_, let failures):
                delay = backoff.delay(afterFailures: failures, using: &random)
            case .confirmEmptyList(let failures):
                delay = emptyListConfirmation + backoff.delay(afterFailures: failures, using: &random)
            }
            guard (try? await Task.sleep(for: delay)) != nil else { return }
            switch action {
            case .list, .confirmEmptyList:
                await list(&machine, known: &known)
            case .watch(let resourceVersion, _):
                await watch(from: resourceVersion, &machine, known: &known)
            }
        }
    }

    /// Lists the objects, applying them unless an empty list over the `known` ones awaits confirmation.
    private func list(_ machine: inout ListWatchStateMachine, known: inout Set<ObjectKey>) async {
        do {
            let list = try await client.list(resource, as: Object.self)
            let verdict = machine.listed(resourceVersion: list.resourceVersion, empty: list.items.isEmpty, holdingObjects: !known.isEmpty)
            guard verdict == .apply else {
                logger.warning(
                    "list came back empty while objects were known; keeping them until another list confirms it",
                    metadata: [
                        "resource": "\(resource)", "known": "\(known.count)", "confirm-in-seconds": "\(emptyListConfirmation.components.seconds)",
                    ])
                return
            }
            apply(.replaced(list.items))
            known = Set(list.items.map(\.metadata.key))
            logger.debug(
                "listed", metadata: ["resource": "\(resource)", "objects": "\(list.items.count)", "resourceVersion": "\(list.resourceVersion)"])
        } catch {
            guard !Task.isCancelled else { return }
            machine.listFailed()
            logger.warning("listing failed; retrying", metadata: ["resource": "\(resource)", "error": "\(error)"])
        }
    }

    private func watch(from resourceVersion: String, _ machine: inout ListWatchStateMachine, known: inout Set<ObjectKey>) async {
        do {
            try await client.watch(resource, from: resourceVersion, as: Object.self) { event in
                switch event {
                case .added(let object), .modified(let object):
                    apply(.upserted(object))
                    known.insert(object.metadata.key)
                case .deleted(let object):
                    apply(.deleted(object))
                    known.remove(object.metadata.key)
                case .bookmark: break
                case .error(let status): throw KubernetesAPIError.status(code: status.code ?? 500, message: status.message ?? status.reason ?? "")
                }
                machine.received(resourceVersion: event.resourceVersion)
            }
            machine.watchEnded()
            logger.debug("watch ended; resuming", metadata: ["resource": "\(resource)"])
        } catch let error as KubernetesAPIError {
            guard !Task.isCancelled else { return }
            switch error {
            case .status where error.isGone:
                machine.watchFailed(gone: true)
                logger.info("resource version expired; relisting", metadata: ["resource": "\(resource)", "resourceVersion": "\(resourceVersion)"])
            case .status, .malformed:
                machine.watchFailed(gone: false)
                logger.warning("watch failed; relisting", metadata: ["resource": "\(resource)", "error": "\(error)"])
            case .token:
                machine.watchDropped()
                logger.warning("watch not started; retrying", metadata: ["resource": "\(resource)", "error": "\(error)"])
            }
        } catch {
            guard !Task.isCancelled else { return }
            machine.watchDropped()
            logger.warning("watch dropped; resuming", metadata: ["resource": "\(resource)", "error": "\(error)"])
        }
    }
}
