import Foundation
public import TestKit

/// A ``GNSDProcess`` started from a configuration file on free loopback ports, serving the
/// shipped zones and keeping its state in a data folder of its own, ready once `/healthz`
/// answers; its log is `gnsd.log` beside the configuration.
///
///     let gnsd = try await ServeProcess.start(configuration: "quotas:\n  services-per-cluster: 3\n", in: directory)
///     let response = try await gnsd.whileRunning { try await APIClient(port: gnsd.apiPort).send("GET", "/v1/services") }
public final class ServeProcess: Sendable {
    /// The push API's port on 127.0.0.1.
    public let apiPort: Int
    /// The DNS port (UDP and TCP) on 127.0.0.1.
    public let dnsPort: Int
    /// The gnsd process itself.
    let process: GNSDProcess

    private init(process: GNSDProcess, apiPort: Int, dnsPort: Int) {
        self.process = process
        self.apiPort = apiPort
        self.dnsPort = dnsPort
    }

    /// Writes `configuration` (YAML) to `gnsd.yaml` in `directory`, starts gnsd with it and
    /// returns once `/healthz` answers (over HTTPS with `tls`), within 20 s.
    public static func start(configuration: String, in directory: TemporaryDirectory, tls: APIClient.TLS? = nil) async throws -> ServeProcess {
        try directory.write("gnsd.yaml", configuration)
        let apiPort = try FreePort.find()
        let dnsPort = try FreePort.find()
        let process = try GNSDProcess(
            [
                "--config", "\(directory.path)/gnsd.yaml", "--zones", ServedZones.shipped, "--data", "\(directory.path)/data",
                "--dns-listen", "127.0.0.1:\(dnsPort)", "--api-listen", "127.0.0.1:\(apiPort)", "--log-level", "warning",
            ],
            log: "\(directory.path)/gnsd.log")
        let healthy = try await eventually(within: .seconds(20), every: .milliseconds(250)) {
            if let status = process.exitStatus {
                throw ExternalCommand.Failure(description: "gnsd exited with status \(status) at start: \(process.output)")
            }
            return (try? await APIClient(port: apiPort, tls: tls).send("GET", "/healthz"))?.status == 200
        }
        if healthy {
            return ServeProcess(process: process, apiPort: apiPort, dnsPort: dnsPort)
        }
        await process.stop()
        throw ExternalCommand.Failure(description: "gnsd did not answer /healthz within 20 s: \(process.output)")
    }

    /// What gnsd logged so far.
    public var output: String { process.output }

    /// Whether gnsd still runs.
    public var isRunning: Bool { process.exitStatus == nil }

    /// Runs `body`, then stops gnsd with SIGTERM (SIGKILL after 5 s) and waits for it, also when `body` throws.
    public func whileRunning<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await process.whileRunning(body)
    }
}
