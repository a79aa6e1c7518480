import Logging
import Synchronization

/// What one UDP worker thread runs, holding the responder only while it runs: once the worker
/// returns, nothing of the answer path (and the endpoint store behind it) is kept alive by the
/// exiting thread.
final class UDPWorkerJob: Sendable {
    private let socket: UDPSocket
    private let stop: UDPStopSignal
    private let responder: Mutex<(any DNSResponder)?>
    private let configuration: DNSServerConfiguration
    private let logger: Logger

    init(socket: UDPSocket, stop: UDPStopSignal, responder: any DNSResponder, configuration: DNSServerConfiguration, logger: Logger) {
        self.socket = socket
        self.stop = stop
        self.responder = Mutex(responder)
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until the stop signal fires; call once.
    func run() {
        guard
            let responder = responder.withLock({ responder in
                defer { responder = nil }
                return responder
            })
        else { return }
        UDPWorker(
            socket: socket, stop: stop, answering: responder.makeDatagramAnswering(),
            batchSize: max(1, configuration.udpVectorReadCount), slotSize: configuration.maxUDPMessageSize, logger: logger
        ).run()
    }
}
