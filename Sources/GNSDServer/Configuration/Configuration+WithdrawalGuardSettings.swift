/// The `withdrawal-guard:` section: a push withdrawing more than `share-percent` of its
/// cluster's ready endpoints, or every ready endpoint of a service, has its withdrawals held for
/// `hold` seconds; `null` turns the guard off.
public struct WithdrawalGuardSettings: Sendable, Equatable {
    /// The percentage of a cluster's ready endpoints one push may withdraw unheld (`share-percent`, 0–100). Default 50.
    public var sharePercent: Int
    /// Seconds held withdrawals wait before they apply (`hold`, 1–3600). Default 30.
    public var holdSeconds: Int

    /// The defaults: more than half held for 30 seconds.
    public init() {
        sharePercent = 50
        holdSeconds = 30
    }
}

extension WithdrawalGuardSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("share-percent", \.sharePercent, .integer(in: 0...100)),
            .init("hold", \.holdSeconds, .integer(in: 1...3600)),
        ]
    }
}
