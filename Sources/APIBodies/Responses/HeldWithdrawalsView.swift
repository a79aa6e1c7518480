/// The withdrawals the guard holds for one cluster (the OpenAPI `HeldWithdrawals` schema): still
/// answered until the hold ends or an admin releases it.
public struct HeldWithdrawalsView: Codable, Hashable, Sendable {
    /// The services with held withdrawals, as `namespace/name`, ordered; at most ``maxServicesListed``.
    public var services: [String]
    /// The services with held withdrawals beyond ``maxServicesListed``, counted only.
    public var servicesNotListed: Int
    /// The endpoints held over all those services.
    public var endpoints: Int
    /// Seconds until the first of the held withdrawals applies.
    public var releaseInSeconds: Double

    /// A view with every member given.
    public init(services: [String], servicesNotListed: Int = 0, endpoints: Int, releaseInSeconds: Double) {
        self.services = services
        self.servicesNotListed = servicesNotListed
        self.endpoints = endpoints
        self.releaseInSeconds = releaseInSeconds
    }

    /// The most services one view names: a push result carries the view, and a mass withdrawal
    /// must not make every answer to the agent list thousands of names.
    public static let maxServicesListed = 20
}
