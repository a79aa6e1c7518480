internal import Foundation

/// The names, sizes and modification times of the files under a zone directory; a change
/// in any of them means the zones should be reloaded.
struct ZoneDirectoryFingerprint: Equatable {
    private let entries: [String: [Double]]

    /// Reads the fingerprint of `directory` and everything below it; unreadable means empty.
    init(directory: String) {
        var entries: [String: [Double]] = [:]
        let manager = FileManager.default
        let files = manager.subpaths(atPath: directory) ?? []
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let attributes = try? manager.attributesOfItem(atPath: path) else { continue }
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes[.size] as? NSNumber)?.doubleValue ?? 0
            entries[file] = [modified, size]
        }
        self.entries = entries
    }
}
