internal import AsyncHTTPClient
internal import Foundation
internal import NIOCore
internal import NIOFoundationCompat
internal import NIOHTTP1

/// Lists and watches one kind of object over HTTP, as the Kubernetes API defines it.
struct KubernetesClient: Sendable {
    /// The largest list page or error body read, and the longest watch event.
    static let maximumBodyBytes = 64 << 20
    /// The most list pages followed; a server that keeps sending `continue` tokens beyond is broken.
    static let maximumPages = 100_000

    let http: HTTPClient
    let connection: KubernetesConnection
    let timing: KubernetesWatchTiming
    let namespace: String?

    /// An HTTP client for `connection`: its TLS settings, the request timeout for connecting, and an idle read timeout
    /// that ends a watch the server stopped serving without closing it.
    static func makeHTTPClient(for connection: KubernetesConnection, timing: KubernetesWatchTiming) -> HTTPClient {
        var configuration = HTTPClient.Configuration(tlsConfiguration: connection.tls)
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: TimeAmount(timing.requestTimeout),
            read: TimeAmount(timing.watchTimeout + timing.requestTimeout)
        )
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Every object of the kind, page by page, and the resource version to watch from.
    func list<Object: KubernetesObject>(
        _ resource: KubernetesResource, as type: Object.Type
    ) async throws -> (items: [Object], resourceVersion: String) {
        var items: [Object] = []
        var continueToken: String?
        for _ in 0..<Self.maximumPages {
            var query = [("limit", "\(timing.pageSize)")]
            if let continueToken {
                query.append(("continue", continueToken))
            }
            let response = try await http.execute(try request(resource, query: query), timeout: TimeAmount(timing.requestTimeout))
            let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
            guard response.status == .ok else { throw Self.error(status: response.status, body: body) }
            let page: ObjectList<Object>
            do {
                page = try JSONDecoder().decode(ObjectList<Object>.self, from: body)
            } catch {
                throw KubernetesAPIError.malformed("list of \(resource): \(error)")
            }
            items += page.items
            guard let next = page.metadata.continue, !next.isEmpty else {
                return (items, page.metadata.resourceVersion ?? "")
            }
            continueToken = next
        }
        throw KubernetesAPIError.malformed("list of \(resource) did not end after \(Self.maximumPages) pages")
    }

    /// Watches the kind from `resourceVersion`, calling `handle` with each event until the server ends the stream.
    func watch<Object: KubernetesObject>(
        _ resource: KubernetesResource,
        from resourceVersion: String,
        as type: Object.Type,
        handle: (WatchEvent<Object>) throws -> Void
    ) async throws {
        let query = [
            ("watch", "1"), ("resourceVersion", resourceVersion), ("allowWatchBookmarks", "true"),
            ("timeoutSeconds", "\(timing.watchTimeoutSeconds)"),
        ]
        let response = try await http.execute(try request(resource, query: query), timeout: TimeAmount(timing.requestTimeout))
        guard response.status == .ok else {
            throw Self.error(status: response.status, body: try await response.body.collect(upTo: Self.maximumBodyBytes))
        }
        var lines = JSONLineBuffer(maximumLineLength: Self.maximumBodyBytes)
        let decoder = JSONDecoder()
        for try await chunk in response.body {
            for line in try lines.append(chunk) {
                let event: WatchEvent<Object>
                do {
                    event = try decoder.decode(WatchEvent<Object>.self, from: line)
                } catch {
                    throw KubernetesAPIError.malformed("watch event of \(resource): \(error)")
                }
                try handle(event)
            }
        }
    }

    /// A GET of the kind's collection with `query`, carrying the current bearer token.
    private func request(_ resource: KubernetesResource, query: [(String, String)]) throws(KubernetesAPIError) -> HTTPClientRequest {
        let encoded = query.map { "\($0)=\(Self.percentEncoded($1))" }.joined(separator: "&")
        var request = HTTPClientRequest(url: "\(connection.server)\(resource.path(namespace: namespace))?\(encoded)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "gnsd-agent")
        if let token = try connection.token.current() {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        return request
    }

    /// The error for a response with `status`, with the message of its `Status` body when it has one.
    static func error(status: HTTPResponseStatus, body: ByteBuffer) -> KubernetesAPIError {
        let message = (try? JSONDecoder().decode(StatusObject.self, from: body))?.message ?? status.reasonPhrase
        return .status(code: Int(status.code), message: message)
    }

    /// `text` with everything but RFC 3986 unreserved characters percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
