#if canImport(Glibc)
import Glibc
#endif

/// Finds a loopback port that is free for both UDP and TCP right now, for starting a server in a process of its own.
public enum FreePort {
    public static func find() throws -> Int {
        for _ in 0..<20 {
            let port = Int.random(in: 20000...60000)
            if isFree(port, type: SOCK_DGRAM) && isFree(port, type: SOCK_STREAM) {
                return port
            }
        }
        throw RawSocketError(operation: "finding a free port")
    }

    private static func isFree(_ port: Int, type: __socket_type) -> Bool {
        let descriptor = socket(AF_INET, Int32(type.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return withLoopbackAddress(port: port) { bind(descriptor, $0, $1) } == 0
    }
}
