/// A line of a zone file, where an entry starts.
struct ZoneFileLocation: Hashable {
    var file: String
    var line: Int

    /// An error at this place.
    func error(_ reason: String) -> ZoneFileError {
        ZoneFileError(file: file, line: line, reason: reason)
    }
}
