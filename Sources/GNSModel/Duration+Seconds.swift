extension Duration {
    /// The duration in seconds, fractions included: what logs, metrics and API bodies show.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
