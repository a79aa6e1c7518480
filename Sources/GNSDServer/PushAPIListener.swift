internal import DNSServer
internal import ServiceLifecycle

/// An HTTP server of gnsd (the push API, the metrics listener), started only once every DNS
/// listener is bound: a DNS address that cannot be opened stops gnsd before the API ever listens.
/// A failure before the server runs is a ``ListenError`` naming the listener and its address.
struct PushAPIListener<Server: Service>: Service {
    /// The listener in words, for the error: `the push API`.
    let name: String
    let server: Server
    /// The address the API listens on, as configured, for the error.
    let address: String
    let dnsServer: DNSServer
    /// Announced by the server once it listens.
    let port: BoundPort

    func run() async throws {
        guard (try? await dnsServer.listeningAddresses()) != nil else { return }
        do {
            try await server.run()
        } catch  where !port.isBound {
            throw ListenError(listener: name, address: address, cause: error)
        }
    }
}
