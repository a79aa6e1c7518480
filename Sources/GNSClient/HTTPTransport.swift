import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One AsyncHTTPClient with the server, token and timeout of a ``GNSClient``: sends requests,
/// decodes JSON answers and turns every failure into a ``GNSClientError``.
struct HTTPTransport: Sendable {
    /// The largest response body read, in bytes.
    static let maxResponseBytes = 64 << 20

    /// Reads answers skipping members this client does not know, so that a newer gnsd's
    /// additions never break an older client.
    static let answerDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.userInfo[.acceptsUnknownMembers] = true
        return decoder
    }()

    let server: String
    let token: String?
    let timeout: Duration
    /// The TLS files of an `https://` server, re-read when they change and kept to explain why
    /// gnsd's certificate is refused.
    let tls: ClientTLS?
    private let tlsFiles: ClientTLSFiles?
    let http: HTTPClient

    /// A transport to `server`, over TLS with `tls` for an `https://` one.
    init(server: String, token: String?, tls: ClientTLS?, timeout: Duration) throws(GNSClientError) {
        self.server = server
        self.token = token
        self.timeout = timeout
        self.tls = tls
        let tlsFiles = try tls.map { (tls) throws(GNSClientError) in try ClientTLSFiles(tls) }
        self.tlsFiles = tlsFiles
        let amount = TimeAmount(timeout)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tlsFiles?.configuration(), redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: amount, read: amount))
        // A refused connection fails the request at once; callers decide whether and when to retry.
        configuration.connectionPool.retryConnectionEstablishment = false
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    func shutdown() async {
        // The only failure is a second shutdown, which has nothing left to close.
        try? await http.shutdown()
    }

    /// Sends `method path` with `body` as JSON and decodes the JSON answer.
    func call<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [URLQueryItem] = [], body: (some Encodable)? = String?.none
    ) async throws(GNSClientError) -> Answer {
        let (status, data) = try await exchange(method, path, query: query, body: body)
        do {
            return try Self.answerDecoder.decode(Answer.self, from: data)
        } catch {
            throw .unexpectedResponse(status: status, reason: "the body is not a \(Answer.self): \(DecodingProblem.describe(error))")
        }
    }

    /// Sends `method path` and returns the status and body of a 2xx answer; any other status
    /// throws `.api` with the decoded error body.
    @discardableResult
    func exchange(
        _ method: HTTPMethod, _ path: String, query: [URLQueryItem] = [], body: (some Encodable)? = String?.none
    ) async throws(GNSClientError) -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: url(path, query: query))
        request.tlsConfiguration = tlsFiles?.configuration()
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let body {
            do {
                request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
            } catch {
                preconditionFailure("request bodies hold only strings, integers and booleans, which always encode: \(error)")
            }
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let (status, data) = try await send(request)
        guard (200..<300).contains(status) else {
            guard let body = try? Self.answerDecoder.decode(ErrorBody.self, from: data) else {
                throw .unexpectedResponse(status: status, reason: Self.excerpt(data))
            }
            let error = body.error
            throw .api(
                APIFailure(status: status, code: error.code, message: error.message, field: error.field, currentGeneration: error.currentGeneration))
        }
        return (status, data)
    }

    /// The status and whole body of `request`'s answer.
    private func send(_ request: HTTPClientRequest) async throws(GNSClientError) -> (Int, Data) {
        do {
            let response = try await http.execute(request, timeout: TimeAmount(timeout))
            let body = try await response.body.collect(upTo: Self.maxResponseBytes)
            return (Int(response.status.code), Data(body.readableBytesView))
        } catch {
            var reason = TransportFailure.reason(error, timeout: timeout)
            if TransportFailure.isUntrustedServerCertificate(error),
                let explained = await ServerCertificateCheck.explain(server, trusting: tls?.caFile)
            {
                reason = explained
            }
            throw .transport(server: server, reason: reason)
        }
    }

    private func url(_ path: String, query: [URLQueryItem]) -> String {
        guard !query.isEmpty else { return server + path }
        var components = URLComponents()
        components.queryItems = query
        // `+` is a space in a query string; URLComponents leaves it as it is.
        let encoded = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
        return server + path + "?" + encoded
    }

    /// The start of a body that is not an error object, on one line.
    private static func excerpt(_ data: Data) -> String {
        let text = String(decoding: data.prefix(200), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.isEmpty ? "empty body" : text
    }
}
