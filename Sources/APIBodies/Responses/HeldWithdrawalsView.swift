/// The withdrawals the guard holds for one cluster (the OpenAPI `HeldWithdrawals` schema): still
/// answered until the hold ends or an admin releases it.
public struct HeldWithdrawalsView: Codable, Hashable, Sendable {
    /// The services with held withdrawals, as `namespace/name`, ordered.
    public var services: [String]
    /// The endpoints held over all those services.
    public var endpoints: Int
    /// Seconds until the first of the held withdrawals applies.
    public var releaseInSeconds: Double

    /// A view with every member given.
    public init(services: [String], endpoints: Int, releaseInSeconds: Double) {
        self.services = services
        self.endpoints = endpoints
        self.releaseInSeconds = releaseInSeconds
    }
}
