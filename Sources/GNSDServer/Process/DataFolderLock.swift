internal import Foundation

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// An exclusive lock on `gnsd.lock` in the data folder, held for as long as gnsd runs, so that a
/// second gnsd on the same folder refuses to start instead of writing the same state file. It
/// is a `flock` on an open file: the kernel releases it when the process ends, even by kill -9,
/// and a stale file left behind locks nothing. The file holds the holder's process id.
///
///     let lock = try DataFolderLock(directory: "data")   // held until `lock` is released
final class DataFolderLock: Sendable {
    /// The name of the lock file inside the data folder.
    static let fileName = "gnsd.lock"

    private let descriptor: Int32

    /// Creates the folder when missing, then takes the lock or throws.
    init(directory: String) throws(DataFolderLockError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotLock(directory: directory, reason: "\(error.localizedDescription)")
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw .cannotLock(directory: directory, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            let holder = Self.processID(in: descriptor)
            close(descriptor)
            if failure == EWOULDBLOCK {
                throw .inUse(directory: directory, holder: holder)
            }
            throw .cannotLock(directory: directory, reason: String(cString: strerror(failure)))
        }
        let line = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The process id the lock file names, when it names one.
    private static func processID(in descriptor: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: bytes[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text).flatMap { $0 > 0 ? $0 : nil }
    }
}

/// Why gnsd cannot hold its data folder.
public enum DataFolderLockError: Error, Equatable, CustomStringConvertible {
    /// Another gnsd holds the folder; `holder` is its process id when the lock file names it.
    case inUse(directory: String, holder: Int32?)
    /// The lock file cannot be created or locked.
    case cannotLock(directory: String, reason: String)

    public var description: String {
        switch self {
        case .inUse(let directory, let holder?):
            "data folder \(directory) is in use by another gnsd (pid \(holder)); stop it or give this one another data.directory"
        case .inUse(let directory, nil):
            "data folder \(directory) is in use by another gnsd; stop it or give this one another data.directory"
        case .cannotLock(let directory, let reason):
            "cannot lock the data folder \(directory): \(reason)"
        }
    }
}
