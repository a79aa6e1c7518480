import Foundation
import Logging
import NIOCore
import Synchronization

/// The UDP side of one listening address: `workers` sockets sharing the port through
/// `SO_REUSEPORT`, each served by its own thread (see ``UDPWorker``).
final class UDPListener: Sendable {
    /// The bound address, with the actual port.
    let address: SocketAddress
    private let stop: UDPStopSignal
    private let state: Mutex<(running: Int, waiters: [CheckedContinuation<Void, Never>])>

    /// Binds every socket, then starts their threads; on error nothing is left open.
    init(address requested: SocketAddress, configuration: DNSServerConfiguration, responder: any DNSResponder, logger: Logger) throws {
        let first = try UDPSocket.bind(to: requested, receiveBufferSize: configuration.udpReceiveBufferSize)
        var sockets = [first]
        do {
            address = try first.localAddress()
            for _ in 1..<max(1, configuration.udpWorkers) {
                sockets.append(try UDPSocket.bind(to: address, receiveBufferSize: configuration.udpReceiveBufferSize))
            }
            stop = try UDPStopSignal()
        } catch {
            sockets.forEach { $0.close() }
            throw error
        }
        let granted = first.grantedReceiveBufferSize()
        if granted < configuration.udpReceiveBufferSize {
            logger.notice(
                "UDP receive buffer smaller than configured; raise net.core.rmem_max to absorb bursts",
                metadata: ["configured": "\(configuration.udpReceiveBufferSize)", "granted": "\(granted)"])
        }
        state = Mutex((running: sockets.count, waiters: []))
        for (index, socket) in sockets.enumerated() {
            let thread = Thread { [stop] in
                UDPWorker(
                    socket: socket, stop: stop, answering: responder.makeDatagramAnswering(),
                    batchSize: max(1, configuration.udpVectorReadCount), slotSize: configuration.maxUDPMessageSize, logger: logger
                ).run()
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
