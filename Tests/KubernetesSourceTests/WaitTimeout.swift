/// Something a test waited for did not happen within its time limit.
struct WaitTimeout: Error, CustomStringConvertible {
    var description: String
}
