internal import DNSServer
internal import ServiceLifecycle

/// The push API's HTTP server, started only once every DNS listener is bound: a DNS address that
/// cannot be opened stops gnsd before the API ever listens. A failure before the server runs is a
/// ``ListenError`` naming the API's address.
struct PushAPIListener<Server: Service>: Service {
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
            throw ListenError(listener: "the push API", address: address, cause: error)
        }
    }
}
