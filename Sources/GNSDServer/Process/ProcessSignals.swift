internal import Dispatch
internal import Synchronization

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// SIGHUP, SIGTERM and SIGINT trapped from the first step of gnsd's start, before the zones and
/// the stored table load, so that no signal is fatal or lost while gnsd starts:
///
/// - SIGHUP is remembered, any number of them as one, and reloads the zones and the TLS
///   certificates once their reloaders run: the files may have changed after start-up read
///   them, and a reload of unchanged files costs one read. Before the trap (while the command line is parsed) SIGHUP
///   is ignored (``ignoreHangUps()``): nothing is loaded yet that it could reload.
/// - SIGTERM or SIGINT is remembered too: gnsd finishes loading the zones and the state, then
///   stops without serving (``stopRequest``); once serving, it shuts down gracefully (``nextStop()``).
///
///     ProcessSignals.ignoreHangUps()          // first line of main
///     let signals = ProcessSignals()          // trapped from here on
public final class ProcessSignals: Sendable {
    /// One element per batch of SIGHUPs, the newest kept until read: for the zones.
    let reloadRequests: AsyncStream<Void>
    private let reloads: AsyncStream<Void>.Continuation
    /// The same, for the TLS certificates.
    let certificateReloadRequests: AsyncStream<Void>
    private let certificateReloads: AsyncStream<Void>.Continuation
    private let stopRequests: AsyncStream<String>
    private let stops: AsyncStream<String>.Continuation
    private let firstStop = Mutex<String?>(nil)
    /// Set once, at the end of `init`; kept only to stay registered.
    private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

    /// Sets SIGHUP to be ignored until a ``ProcessSignals`` traps it: a hang-up must never end
    /// gnsd, neither while it starts nor when it runs as an agent, which does not reload.
    public static func ignoreHangUps() {
        signal(SIGHUP, SIG_IGN)
    }

    /// Traps SIGHUP, SIGTERM and SIGINT, returning once they are delivered here (or after a second).
    init() {
        (reloadRequests, reloads) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (certificateReloadRequests, certificateReloads) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (stopRequests, stops) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        let queue = DispatchQueue(label: "gnsd.signals")
        let registered = DispatchSemaphore(value: 0)
        let trapped: [(signal: Int32, received: @Sendable (ProcessSignals) -> Void)] = [
            (
                SIGHUP,
                {
                    $0.reloads.yield()
                    $0.certificateReloads.yield()
                }
            ),
            (SIGTERM, { $0.stopRequested("SIGTERM") }),
            (SIGINT, { $0.stopRequested("SIGINT") }),
        ]
        let sources = trapped.map { signal, received in
            let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
            source.setEventHandler { [weak self] in
                if let self { received(self) }
            }
            source.setRegistrationHandler { registered.signal() }
            source.resume()
            return source
        }
        for _ in sources {
            _ = registered.wait(timeout: .now() + .seconds(1))
        }
        self.sources = sources
    }

    deinit {
        for source in sources {
            source.cancel()
        }
    }

    /// The first SIGTERM or SIGINT received (`"SIGTERM"`, `"SIGINT"`), if any.
    var stopRequest: String? {
        firstStop.withLock { $0 }
    }

    /// Waits for a SIGTERM or SIGINT, or returns one received before; `nil` when cancelled.
    func nextStop() async -> String? {
        var requests = stopRequests.makeAsyncIterator()
        return await requests.next()
    }

    private func stopRequested(_ name: String) {
        firstStop.withLock { $0 = $0 ?? name }
        stops.yield(name)
    }
}
