import Foundation
import Logging
import NIOCore
import Synchronization

/// The UDP side of one listening address: one socket per worker thread (see ``UDPWorker``),
/// sharing the port through `SO_REUSEPORT` when there are several.
final class UDPListener: Sendable {
    /// The bound address, with the actual port.
    let address: SocketAddress
    private let stop: UDPStopSignal
    private let state: Mutex<(running: Int, waiters: [CheckedContinuation<Void, Never>])>

    /// Whether the process said once that the kernel granted less receive buffer than asked:
    /// every listener gets the same, so one line says it for all.
    private static let bufferNoticeGiven = Atomic(false)

    /// Binds every socket, then starts their threads; on error nothing is left open.
    ///
    /// The address is first bound by one socket alone, so that a port in use by anyone (another
    /// gnsd included) fails with `EADDRINUSE` and port 0 draws a port nobody holds. With one
    /// worker that socket serves; with more, it makes way for `workers` sockets sharing the port.
    init(address requested: SocketAddress, configuration: DNSServerConfiguration, responder: any DNSResponder, logger: Logger) throws {
        let bufferSize = configuration.udpReceiveBufferSize
        let exclusive = try UDPSocket.bind(to: requested, receiveBufferSize: bufferSize, sharedPort: false)
        var sockets = [exclusive]
        do {
            address = try exclusive.localAddress()
            if configuration.udpWorkers > 1 {
                exclusive.close()
                sockets = []
                for _ in 0..<configuration.udpWorkers {
                    sockets.append(try UDPSocket.bind(to: address, receiveBufferSize: bufferSize, sharedPort: true))
                }
            }
            stop = try UDPStopSignal()
        } catch {
            sockets.forEach { $0.close() }
            throw error
        }
        let granted = sockets[0].grantedReceiveBufferSize()
        if granted < bufferSize, !Self.bufferNoticeGiven.exchange(true, ordering: .relaxed) {
            logger.info(
                "UDP receive buffer smaller than dns.udp-receive-buffer; raise net.core.rmem_max to absorb larger bursts",
                metadata: ["configured": "\(bufferSize)", "granted": "\(granted)"])
        }
        state = Mutex((running: sockets.count, waiters: []))
        for (index, socket) in sockets.enumerated() {
            let job = UDPWorkerJob(socket: socket, stop: stop, responder: responder, configuration: configuration, logger: logger)
            let thread = Thread { [self] in
                job.run()
                self.workerFinished()
            }
            thread.name = "gnsd-udp-\(index)"
            thread.start()
        }
    }

    /// Stops receiving: each worker finishes the batch in hand, then closes its socket.
    func stopListening() {
        stop.fire()
    }

    /// Returns once every worker has stopped.
    func waitUntilStopped() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                guard state.running > 0 else { return true }
                state.waiters.append(continuation)
                return false
            }
            if done {
                continuation.resume()
            }
        }
    }

    private func workerFinished() {
        let waiters = state.withLock { state in
            state.running -= 1
            guard state.running == 0 else { return [CheckedContinuation<Void, Never>]() }
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }
}
