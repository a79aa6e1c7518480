import GNSClient

/// A failure that ends gnsctl with one line on standard error and its own exit status.
struct CommandFailure: Error, CustomStringConvertible {
    /// gnsd refused the request, or answered something unexpected.
    static let apiStatus: Int32 = 1
    /// Bad usage: arguments, options or the snapshot file.
    static let usageStatus: Int32 = 2
    /// gnsd could not be reached or did not answer in time.
    static let connectStatus: Int32 = 3

    var description: String
    var status: Int32

    /// The failure for a client error: 1 for gnsd's refusals, 3 when it cannot be reached.
    init(_ error: GNSClientError) {
        description = error.description
        status =
            switch error {
            case .api, .unexpectedResponse: Self.apiStatus
            case .transport: Self.connectStatus
            case .invalidServer, .plaintextToken, .invalidTLS: Self.usageStatus
            }
    }

    /// A request gnsd would refuse, found before sending it (status 1).
    init(refusal description: String) {
        self.description = description
        status = Self.apiStatus
    }

    /// A usage failure, such as an unreadable snapshot file.
    init(usage description: String) {
        self.description = description
        status = Self.usageStatus
    }
}
