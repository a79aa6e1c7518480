import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension DNSServer {
    /// How often an ephemeral port is drawn again when TCP finds the port UDP got already taken.
    static let ephemeralPortAttempts = 16

    /// Binds a listener for every configured address, or none: on error the bound ones are closed.
    func bindListeners(connections: TCPConnectionRegistry) async throws -> [DNSListener] {
        var listeners: [DNSListener] = []
        do {
            for address in self.configuration.listen {
                listeners.append(try await self.bindListener(at: address, connections: connections))
            }
            if let tls = self.dnsOverTLS {
                for address in tls.listen {
                    do {
                        let channel = try await self.bindTCP(to: address, connections: connections, tls: tls)
                        listeners.append(DNSListener(address: channel.localAddress ?? address, udp: nil, tcp: channel))
                    } catch {
                        throw ListenError(listener: "DNS over TLS", address: address.endpointDescription, cause: error)
                    }
                }
            }
            return listeners
        } catch {
            for listener in listeners {
                listener.stopListening()
            }
            throw error
        }
    }

    /// Binds UDP first, then TCP on the port UDP got; a failure is a ``ListenError`` naming which.
    ///
    /// With port 0 the kernel picks a port free for UDP only; when TCP finds it taken, both
    /// are tried again on a new port, at most ``ephemeralPortAttempts`` times.
    private func bindListener(
        at address: SocketAddress,
        connections: TCPConnectionRegistry
    ) async throws -> DNSListener {
        let attempts = address.port == 0 ? Self.ephemeralPortAttempts : 1
        var attempt = 1
        while true {
            let udp: UDPListener
            do {
                udp = try UDPListener(address: address, configuration: self.configuration, responder: self.responder, logger: self.logger)
            } catch {
                throw ListenError(listener: "DNS over UDP", address: address.endpointDescription, cause: error)
            }
            do {
                let tcp = try await self.bindTCP(to: udp.address, connections: connections)
                return DNSListener(address: udp.address, udp: udp, tcp: tcp)
            } catch  where attempt < attempts && Self.isAddressInUse(error) {
                self.logger.debug(
                    "TCP port taken, drawing another ephemeral port",
                    metadata: ["address": "\(address.endpointDescription)", "attempt": "\(attempt)"]
                )
                udp.stopListening()
                attempt += 1
            } catch {
                udp.stopListening()
                throw ListenError(listener: "DNS over TCP", address: udp.address.endpointDescription, cause: error)
            }
        }
    }

    private static func isAddressInUse(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == EADDRINUSE
    }
}
