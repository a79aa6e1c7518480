import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds a loopback port that is free for both UDP and TCP right now, for starting a server in a process of its own.
///
/// The port is drawn below the kernel's ephemeral range (`net.ipv4.ip_local_port_range`, from
/// 32768 by default): a port drawn inside it could become the source port of some client's
/// connection (curl, dig, another test's gnsd) before the server binds it.
public enum FreePort {
    public static func find() throws -> Int {
        let ports = 20000..<max(20_001, ephemeralRangeStart)
        for _ in 0..<20 {
            let port = Int.random(in: ports)
            if isFree(port, type: SOCK_DGRAM) && isFree(port, type: SOCK_STREAM) {
                return port
            }
        }
        throw RawSocketError(operation: "finding a free port")
    }

    /// The first port the kernel hands out to unbound sockets; 32768 when it cannot be read.
    private static let ephemeralRangeStart =
        (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))?
        .split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32768

    private static func isFree(_ port: Int, type: __socket_type) -> Bool {
        let descriptor = socket(AF_INET, Int32(type.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return withLoopbackAddress(port: port) { bind(descriptor, $0, $1) } == 0
    }
}
