/// The generations a snapshot or delta may carry: 1 through 2^53, integers that every JSON
/// reader holds exactly, even one that reads numbers as doubles.
///
/// ```swift
/// GenerationRange.contains(7)          // true
/// GenerationRange.after(7)             // 8
/// GenerationRange.after(1 << 53)       // nil: no generation can follow
/// ```
public enum GenerationRange {
    /// The first generation a cluster may have.
    public static let lowest: UInt64 = 1
    /// The last generation a cluster may have, 2^53.
    public static let highest: UInt64 = 1 << 53

    /// Whether `generation` may be pushed.
    public static func contains(_ generation: UInt64) -> Bool {
        (lowest...highest).contains(generation)
    }

    /// The generation a push following `generation` carries, or `nil` when `generation` is the
    /// highest (or beyond it) and none can follow.
    public static func after(_ generation: UInt64) -> UInt64? {
        generation < highest ? generation + 1 : nil
    }
}
