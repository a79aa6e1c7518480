internal import Logging

/// Keeps one kind of object in step with the API server: lists it, watches from the list's resource version, resumes
/// dropped watches, relists when the version is gone, and backs off on errors. Every change goes to `apply`.
struct Reflector<Object: KubernetesObject>: Sendable {
    let resource: KubernetesResource
    let client: KubernetesClient
    let backoff: Backoff
    let logger: Logger
    let apply: @Sendable (ResourceUpdate<Object>) -> Void

    /// Runs until the task is cancelled.
    func run() async {
        var machine = ListWatchStateMachine()
        var random = SystemRandomNumberGenerator()
        while !Task.isCancelled {
            let action = machine.nextAction
            let failures =
                switch action {
                case .list(let failures), .watch(_, let failures): failures
                }
            guard (try? await Task.sleep(for: backoff.delay(afterFailures: failures, using: &random))) != nil else { return }
            switch action {
            case .list:
                await list(&machine)
            case .watch(let resourceVersion, _):
                await watch(from: resourceVersion, &machine)
            }
        }
    }

    private func list(_ machine: inout ListWatchStateMachine) async {
        do {
            let list = try await client.list(resource, as: Object.self)
            apply(.replaced(list.items))
            machine.listed(resourceVersion: list.resourceVersion)
            logger.debug(
                "listed", metadata: ["resource": "\(resource)", "objects": "\(list.items.count)", "resourceVersion": "\(list.resourceVersion)"])
        } catch {
            guard !Task.isCancelled else { return }
            machine.listFailed()
            logger.warning("listing failed; retrying", metadata: ["resource": "\(resource)", "error": "\(error)"])
        }
    }

    private func watch(from resourceVersion: String, _ machine: inout ListWatchStateMachine) async {
        do {
            try await client.watch(resource, from: resourceVersion, as: Object.self) { event in
                switch event {
                case .added(let object), .modified(let object): apply(.upserted(object))
                case .deleted(let object): apply(.deleted(object))
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
