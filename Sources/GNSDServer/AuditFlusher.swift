internal import PushAPI
internal import ServiceLifecycle

/// Writes the audit trail's new records to the state file every `interval`, and once more when
/// gnsd shuts down.
struct AuditFlusher: Service {
    let trail: AuditTrail
    let interval: Duration

    func run() async {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: interval)) != nil {
                trail.flush()
            }
        }
        trail.flush()
    }
}
