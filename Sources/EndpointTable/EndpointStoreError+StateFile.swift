import GRDB

extension EndpointStoreError {
    /// The refusal for a state file at `path` that failed with `failure`, with what to do about it:
    /// fix the permissions when SQLite may not open or write it, otherwise move it aside.
    static func unreadableStateFile(path: String, failure: any Error) -> EndpointStoreError {
        let moveAside = """
            move it aside with its -wal and -shm files (for example to \(path).unreadable) \
            to start with an empty table that the agents push again, or put back a copy that can be read
            """
        guard let error = failure as? DatabaseError else {
            return .unreadableStateFile(
                path: path, reason: String(describing: failure),
                remedy: "check that its folder exists and that the user gnsd runs as may read and write both")
        }
        let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return .unreadableStateFile(
                path: path, reason: reason,
                remedy: "make it and its folder readable and writable by the user gnsd runs as; if it is not a file, \(moveAside)")
        default:
            return .unreadableStateFile(path: path, reason: reason, remedy: moveAside)
        }
    }
}
