import Foundation
import TestKit
import TestSupport
import Testing

@testable import GNSDServer

/// One gnsd per data folder: the lock file and the line a second one gets.
@Suite("Data folder lock")
struct DataFolderLockTests {
    @Test func aSecondLockOnTheSameFolderNamesTheHolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let held = try DataFolderLock(directory: directory.path)
        let error = try #require(throws: DataFolderLockError.self) { try DataFolderLock(directory: directory.path) }
        #expect(error == .inUse(directory: directory.path, holder: getpid()))
        #expect(
            error.description
                == "data folder \(directory.path) is in use by another gnsd (pid \(getpid())); stop it or give this one another data.directory")
        withExtendedLifetime(held) {}
        let contents = try String(contentsOfFile: "\(directory.path)/gnsd.lock", encoding: .utf8)
        #expect(contents == "\(getpid())\n")
    }

    @Test func aReleasedLockCanBeTakenAgain() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try DataFolderLock(directory: directory.path)
        _ = try DataFolderLock(directory: directory.path)
    }

    @Test func aMissingFolderIsCreated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = "\(directory.path)/data/nested"
        let lock = try DataFolderLock(directory: folder)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/gnsd.lock"))
        withExtendedLifetime(lock) {}
    }
}
