internal import ServerMetrics
internal import ServiceLifecycle

/// Samples the query and push totals every `interval`, so `GET /v1/status` can tell their rates
/// over the last minute (``ActivityMeter``).
struct ActivitySampler: Service {
    let meter: ActivityMeter
    let interval: Duration

    func run() async {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: interval)) != nil {
                meter.sample()
            }
        }
    }
}
