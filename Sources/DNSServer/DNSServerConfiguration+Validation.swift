import NIOCore

extension DNSServerConfiguration {
    /// A setting outside the range the listeners can work with.
    struct InvalidSetting: Error, CustomStringConvertible {
        let description: String
    }

    /// Throws ``InvalidSetting`` for the first setting out of its documented range.
    func validate() throws {
        func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
            guard condition else { throw InvalidSetting(description: "invalid DNS server setting: \(message())") }
        }
        try require(!self.listen.isEmpty, "no listen address")
        for address in self.listen {
            try require(address.port != nil, "listen address \(address) is not an IPv4 or IPv6 address")
        }
        try require(self.udpReceiveBufferSize > 0, "udpReceiveBufferSize \(self.udpReceiveBufferSize) is not positive")
        try require(self.udpVectorReadCount >= 1, "udpVectorReadCount \(self.udpVectorReadCount) is below 1")
        try require(self.udpWorkers >= 1, "udpWorkers \(self.udpWorkers) is below 1")
        try require(
            (512...65535).contains(self.maxUDPMessageSize),
            "maxUDPMessageSize \(self.maxUDPMessageSize) is outside 512...65535"
        )
        try require(self.tcpIdleTimeout > .zero, "tcpIdleTimeout \(self.tcpIdleTimeout) is not positive")
        try require(self.tcpMaxConnections >= 1, "tcpMaxConnections \(self.tcpMaxConnections) is below 1")
        try require(self.tcpMessageTimeout > .zero, "tcpMessageTimeout \(self.tcpMessageTimeout) is not positive")
        try require(self.tcpMaxConnectionsPerClient >= 1, "tcpMaxConnectionsPerClient \(self.tcpMaxConnectionsPerClient) is below 1")
        try require(self.tcpMaxQueriesInFlight >= 1, "tcpMaxQueriesInFlight \(self.tcpMaxQueriesInFlight) is below 1")
        try require(self.tcpWriteBufferBytes >= 2, "tcpWriteBufferBytes \(self.tcpWriteBufferBytes) is below 2")
        if let limit = self.tcpMaxQueriesPerConnection {
            try require(limit >= 1, "tcpMaxQueriesPerConnection \(limit) is below 1")
        }
        try require(self.tcpBacklog >= 1, "tcpBacklog \(self.tcpBacklog) is below 1")
    }
}
