internal import ServerTLS
internal import ServiceLifecycle

/// Re-reads the TLS listeners' certificates when their files change (checked every
/// `interval`) and on SIGHUP, so a renewed certificate serves new connections without a
/// restart; a bad new file is logged and the old certificate kept (``ReloadingTLSContext``).
struct CertificateReloader: Service {
    let contexts: [ReloadingTLSContext]
    let interval: Duration
    /// The SIGHUPs that force a reload (``ProcessSignals``); `nil` in tests.
    let reloadRequests: AsyncStream<Void>?

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                if let reloadRequests {
                    group.addTask {
                        for await _ in reloadRequests where !Task.isCancelled {
                            reloadAll(ifChanged: false)
                        }
                    }
                }
                group.addTask {
                    while (try? await Task.sleep(for: interval)) != nil {
                        reloadAll(ifChanged: true)
                    }
                }
            }
        }
    }

    private func reloadAll(ifChanged: Bool) {
        for context in contexts {
            context.reload(ifChanged: ifChanged)
        }
    }
}
