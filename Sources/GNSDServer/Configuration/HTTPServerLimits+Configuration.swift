internal import NIOCore
internal import PushAPI

extension HTTPServerLimits {
    /// The push API's deadlines and connection limit from the `api:` section, the limit taking
    /// at most half of `openFiles` so that DNS over TCP, the state file and the zone files keep
    /// the other half.
    init(configuration: Configuration, openFiles: UInt64) {
        let api = configuration.api
        self.init(
            requestHeadTimeout: .seconds(Int64(api.requestHeadTimeoutSeconds)),
            requestBodyTimeout: .seconds(Int64(api.requestBodyTimeoutSeconds)),
            idleTimeout: .seconds(Int64(api.idleTimeoutSeconds)),
            maxConnections: Int(min(UInt64(api.maxConnections), max(16, openFiles / 2))))
    }
}
