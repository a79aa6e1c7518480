internal import DNSServer
internal import ServiceLifecycle

/// Marks gnsd ready once the DNS listeners are bound, then stays until shutdown.
struct ReadinessProbe: Service {
    let dnsServer: DNSServer
    let dnsBound: BoundPort

    func run() async throws {
        let addresses = try await dnsServer.listeningAddresses()
        dnsBound.announce(.success(addresses.first?.port ?? 0))
        try? await gracefulShutdown()
    }
}
