/// Why the TLS files cannot be served: the file at fault and what is wrong with it, such as
/// `/etc/gnsd/tls.key: the key does not belong to the certificate`.
public struct TLSFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file at fault.
    public var file: String
    /// What is wrong, in words meant for the operator.
    public var reason: String

    /// The error `reason` about `file`.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// `file: reason`.
    public var description: String {
        "\(file): \(reason)"
    }
}
