import Foundation
import TestKit

/// Calls gnsd's push API over real HTTP with curl, as an agent or an operator would.
public struct APIClient: Sendable {
    /// One HTTP exchange: the status code and the body.
    public struct Response: Sendable, CustomStringConvertible {
        public var status: Int
        public var body: String

        public var description: String { "\(status) \(body)" }

        /// The body parsed as a JSON object (empty when it is not one).
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }

        /// The `error.code` of an error body.
        public var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }

    /// What curl uses for HTTPS: the CA it trusts, for mutual TLS its certificate and key, and
    /// the name it asks 127.0.0.1 by (`--resolve`) when the certificate names no address.
    public struct TLS: Sendable {
        public var caFile: String
        public var certificate: String?
        public var key: String?
        public var serverName: String?

        public init(caFile: String, certificate: String? = nil, key: String? = nil, serverName: String? = nil) {
            self.caFile = caFile
            self.certificate = certificate
            self.key = key
            self.serverName = serverName
        }
    }

    public let port: Int
    /// The bearer token sent, if any.
    public var token: String?
    /// HTTPS with these files; plain HTTP when `nil`.
    public var tls: TLS?

    public init(port: Int, token: String? = nil, tls: TLS? = nil) {
        self.port = port
        self.token = token
        self.tls = tls
    }

    /// Sends `method path` with an optional JSON body and returns the response.
    public func send(_ method: String, _ path: String, json body: String? = nil) async throws -> Response {
        var arguments = ["--silent", "--show-error", "--max-time", "10", "-X", method, "-w", "\n%{http_code}"]
        if let token {
            arguments += ["-H", "Authorization: Bearer \(token)"]
        }
        if let body {
            arguments += ["-H", "Content-Type: application/json", "--data-binary", body]
        }
        if let tls {
            arguments += ["--cacert", tls.caFile]
            if let certificate = tls.certificate, let key = tls.key {
                arguments += ["--cert", certificate, "--key", key]
            }
        }
        var host = "127.0.0.1"
        if let name = tls?.serverName {
            arguments += ["--resolve", "\(name):\(port):127.0.0.1"]
            host = name
        }
        arguments.append("\(tls == nil ? "http" : "https")://\(host):\(port)\(path)")
        let output = try await ExternalCommand.run("curl", arguments)
        guard output.status == 0, let newline = output.standardOutput.lastIndex(of: "\n"),
            let status = Int(output.standardOutput[output.standardOutput.index(after: newline)...])
        else {
            throw ExternalCommand.Failure(description: "curl \(method) \(path) failed: \(output.standardError)")
        }
        return Response(status: status, body: String(output.standardOutput[..<newline]))
    }
}
