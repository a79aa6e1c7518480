import Foundation

/// Files of the repository the tests are built from, such as `deploy/` and `zones/`.
public enum Repository {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The absolute path of `relative`, a path from the repository's root.
    ///
    ///     let unit = Repository.path("deploy/systemd/gnsd.service")
    public static func path(_ relative: String) -> String {
        (root as NSString).appendingPathComponent(relative)
    }

    /// The text of the file at `relative`.
    public static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }
}
