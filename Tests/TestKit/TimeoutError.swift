/// Something a test waited for did not happen within its time limit.
public struct TimeoutError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
