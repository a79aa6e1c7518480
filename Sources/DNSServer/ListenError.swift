public import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A listener gnsd could not open, as one line naming what, where and why:
/// `cannot listen for DNS over UDP on 127.0.0.1:5300: address already in use`.
public struct ListenError: Error, CustomStringConvertible {
    /// What was to listen: `DNS over UDP`, `DNS over TCP`, `DNS over TLS`, `the push API`.
    public let listener: String
    /// The address asked for, as `host:port` (`[host]:port` for IPv6).
    public let address: String
    /// Why, as the system says it (`address already in use`) or the error's own words.
    public let reason: String

    /// The failure `cause` of `listener` on `address`.
    public init(listener: String, address: String, cause: any Error) {
        self.listener = listener
        self.address = address
        if let cause = cause as? IOError {
            let words = String(cString: strerror(cause.errnoCode))
            reason = words.prefix(1).lowercased() + words.dropFirst()
        } else {
            reason = "\(cause)"
        }
    }

    public var description: String {
        "cannot listen for \(listener) on \(address): \(reason)"
    }
}
