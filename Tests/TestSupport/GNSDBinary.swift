import Foundation

/// The `gnsd` binary built next to the test bundle (`swift build --build-tests` builds both).
public enum GNSDBinary {
    /// Its path in the build folder.
    public static let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("gnsd").path
}
