import Foundation

/// Executables that `swift build --build-tests` puts next to the test bundle.
public enum BuiltProduct {
    /// The path of the executable product `name`, such as `gnsd`, in the build folder.
    public static func path(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
