import NIOCore
import TestKit

extension Loopback {
    /// The address with an ephemeral port, for a server to listen on.
    var address: SocketAddress {
        try! SocketAddress(ipAddress: rawValue, port: 0)
    }
}
