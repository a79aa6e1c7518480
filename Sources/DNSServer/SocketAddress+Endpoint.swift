import NIOCore

extension SocketAddress {
    /// The address as `127.0.0.1:53` or `[::1]:53`, for logs.
    var endpointDescription: String {
        guard let ipAddress = self.ipAddress, let port = self.port else {
            return "\(self)"
        }
        if case .v6 = self {
            return "[\(ipAddress)]:\(port)"
        }
        return "\(ipAddress):\(port)"
    }
}
