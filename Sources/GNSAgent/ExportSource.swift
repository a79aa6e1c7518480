public import GNSModel

/// A source of truth for what one cluster exports.
public protocol ExportSource: Sendable {
    /// Runs until cancelled, calling `publish` with the complete set of exports each time it changes; `resync` is true
    /// for the first state and whenever the source had to start over, so the agent pushes a full snapshot.
    func run(publish: @escaping @Sendable (_ exports: [ServiceExport], _ resync: Bool) async -> Void) async throws
}
