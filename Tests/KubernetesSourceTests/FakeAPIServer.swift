import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import TestKit

/// An in-test stand-in for the Kubernetes API server on 127.0.0.1 (HTTP/1.1, plain or over TLS) that speaks the list and watch
/// protocol: paged lists with `metadata.resourceVersion`, chunked watch streams of JSON lines replaying the history
/// after the version asked for, bookmarks, 410 Gone for a compacted version (as a status or an `ERROR` event), and
/// dropped connections. It records every request. Objects are JSON text whose `metadata.resourceVersion` it sets.
final class FakeAPIServer: Sendable {
    /// One request as the server saw it.
    struct Request: Sendable {
        var path: String
        var query: [String: String]
        var authorization: String?

        var isWatch: Bool { query["watch"] == "1" }
    }

    private enum WatchCommand {
        case line(String)
        case end
        case drop
    }

    /// The watch a connection is streaming, for the connection's reader to end when the client closes.
    private final class StreamingWatch: Sendable {
        let current = Mutex<AsyncStream<WatchCommand>.Continuation?>(nil)
    }

    private struct Watcher {
        var plural: String
        /// The namespace watched, `nil` for all.
        var namespace: String?
        var bookmarks: Bool
        var continuation: AsyncStream<WatchCommand>.Continuation
    }

    private struct Change {
        var version: Int
        var plural: String
        var namespace: String
        var line: String
    }

    private struct State {
        var version = 100
        /// Objects by plural and `namespace/name`, as JSON text with their resource version set.
        var objects: [String: [String: String]] = [:]
        var history: [Change] = []
        /// Watching from a version below this one gets 410 Gone.
        var oldestWatchable = 0
        var requests: [Request] = []
        var watchers: [Int: Watcher] = [:]
        var nextWatcher = 0
        /// Lists of these plurals answer 403 as many times as the count says.
        var refusedLists: [String: Int] = [:]
        /// How many of the next lists of each plural are answered empty.
        var emptyLists: [String: Int] = [:]
    }

    private let state = Mutex(State())
    private let listener: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let acceptor = Mutex<Task<Void, any Error>?>(nil)
    let port: Int

    private init(listener: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>) {
        self.listener = listener
        port = listener.channel.localAddress?.port ?? 0
    }

    /// Starts a server on an ephemeral loopback port; with `tls` it serves HTTPS with ``TestCertificate``.
    static func start(tls: Bool = false) async throws -> FakeAPIServer {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(TestCertificate.certificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(TestCertificate.keyPEM.utf8), format: .pem)))
        let context = try tls ? NIOSSLContext(configuration: configuration) : nil
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    if let context {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try child.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false)
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                }
            }
        let server = FakeAPIServer(listener: listener)
        let task = Task {
            try await listener.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { try? await server.serve(connection) }
                    }
                }
            }
        }
        server.acceptor.withLock { $0 = task }
        return server
    }

    /// Closes the listener and every open watch.
    func stop() async {
        state.withLock { state in
            for watcher in state.watchers.values {
                watcher.continuation.yield(.drop)
            }
        }
        let task = acceptor.withLock { $0 }
        task?.cancel()
        try? await listener.channel.close()
        _ = try? await task?.value
    }

    // MARK: Objects and events

    /// Adds or replaces an object of `plural` (as `ADDED` or `MODIFIED`), returning the new resource version.
    @discardableResult
    func put(_ plural: String, _ json: String) -> Int {
        state.withLock { state in
            state.version += 1
            var object = try! JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            var metadata = object["metadata"] as? [String: Any] ?? [:]
            metadata["resourceVersion"] = "\(state.version)"
            object["metadata"] = metadata
            let text = String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            let key = "\(metadata["namespace"] as? String ?? "")/\(metadata["name"] as? String ?? "")"
            let type = state.objects[plural, default: [:]][key] == nil ? "ADDED" : "MODIFIED"
            state.objects[plural, default: [:]][key] = text
            Self.record(#"{"type":"\#(type)","object":\#(text)}"#, plural: plural, namespace: metadata["namespace"] as? String ?? "", in: &state)
            return state.version
        }
    }

    /// Deletes the object `namespace/name` of `plural`.
    func delete(_ plural: String, _ namespace: String, _ name: String) {
        state.withLock { state in
            guard let text = state.objects[plural]?.removeValue(forKey: "\(namespace)/\(name)") else { return }
            state.version += 1
            Self.record(#"{"type":"DELETED","object":\#(text)}"#, plural: plural, namespace: namespace, in: &state)
        }
    }

    /// Sends a `BOOKMARK` at the current version to the watches of `plural` that asked for bookmarks; returns the version.
    @discardableResult
    func bookmark(_ plural: String) -> Int {
        state.withLock { state in
            let line = #"{"type":"BOOKMARK","object":{"kind":"Bookmark","apiVersion":"v1","metadata":{"resourceVersion":"\#(state.version)"}}}"#
            for watcher in state.watchers.values where watcher.plural == plural && watcher.bookmarks {
                watcher.continuation.yield(.line(line))
            }
            return state.version
        }
    }

    /// Sends `line` as it is to the open watches of `plural`, as a server that sends something unreadable.
    func send(_ plural: String, raw line: String) {
        command(plural, .line(line))
    }

    /// Closes the connections of the watches of `plural` mid-stream, without ending the chunked body.
    func dropWatches(_ plural: String) {
        command(plural, .drop)
    }

    /// Ends the watches of `plural` normally, as when `timeoutSeconds` passes.
    func endWatches(_ plural: String) {
        command(plural, .end)
    }

    /// Compacts the history: the version moves on (as other writes would move it) and every earlier one becomes too old
    /// to watch from. With `errorEvent` the open watches of `plural` get an `ERROR` event with code 410 and end;
    /// otherwise they are dropped, and resuming gets a 410 status.
    func compact(_ plural: String, errorEvent: Bool) {
        state.withLock { state in
            state.version += 1
            state.oldestWatchable = state.version
            let gone =
                #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version","reason":"Expired","code":410}}"#
            for watcher in state.watchers.values where watcher.plural == plural {
                if errorEvent {
                    watcher.continuation.yield(.line(gone))
                    watcher.continuation.yield(.end)
                } else {
                    watcher.continuation.yield(.drop)
                }
            }
        }
    }

    /// Answers the next `count` lists of `plural` with 403 Forbidden.
    func refuseLists(_ plural: String, count: Int) {
        state.withLock { $0.refusedLists[plural] = count }
    }

    /// Answers the next `count` lists of `plural` with no objects, as a restarted API server with a cold cache might.
    func answerEmptyLists(_ plural: String, count: Int) {
        state.withLock { $0.emptyLists[plural] = count }
    }

    /// Every request so far.
    var requests: [Request] {
        state.withLock { $0.requests }
    }

    /// Waits until a request matching `predicate` has arrived (at most `limit`) and returns it.
    func request(within limit: Duration = .seconds(10), where predicate: (Request) -> Bool) async throws -> Request {
        guard let match = try await eventuallyValue(within: limit, { requests.last(where: predicate) }) else {
            throw TimeoutError("no matching request within \(limit); requests: \(requests.map { "\($0.path)?\($0.query)" })")
        }
        return match
    }

    /// Waits until `count` watches of `plural` are open (at most `limit`).
    func waitForWatches(_ plural: String, count: Int = 1, within limit: Duration = .seconds(10)) async throws {
        let open = try await eventually(within: limit) {
            state.withLock { $0.watchers.values.filter { $0.plural == plural }.count } >= count
        }
        guard open else {
            throw TimeoutError("no open watch of \(plural) within \(limit)")
        }
    }

    private func command(_ plural: String, _ command: WatchCommand) {
        state.withLock { state in
            for watcher in state.watchers.values where watcher.plural == plural {
                watcher.continuation.yield(command)
            }
        }
    }

    private static func record(_ line: String, plural: String, namespace: String, in state: inout State) {
        state.history.append(Change(version: state.version, plural: plural, namespace: namespace, line: line))
        for watcher in state.watchers.values where watcher.plural == plural && (watcher.namespace ?? namespace) == namespace {
            watcher.continuation.yield(.line(line))
        }
    }

    // MARK: HTTP

    /// Answers the requests of one connection in turn. Reading goes on beside answering, so that a client closing the
    /// connection ends the watch being streamed on it, as a real server notices.
    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            let (heads, headSink) = AsyncStream<HTTPRequestHead>.makeStream()
            let streaming = StreamingWatch()
            try await withThrowingTaskGroup { group in
                group.addTask {
                    defer {
                        headSink.finish()
                        streaming.current.withLock { _ = $0?.yield(.drop) }
                    }
                    var head: HTTPRequestHead?
                    for try await part in inbound {
                        switch part {
                        case .head(let requestHead): head = requestHead
                        case .body: break
                        case .end:
                            if let head {
                                headSink.yield(head)
                            }
                        }
                    }
                }
                for await head in heads {
                    guard try await respond(to: head, outbound, streaming: streaming) else { break }
                }
                group.cancelAll()
            }
        }
    }

    /// Answers one request; false when the connection is to be dropped.
    private func respond(
        to head: HTTPRequestHead, _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        streaming: StreamingWatch
    ) async throws -> Bool {
        let components = URLComponents(string: head.uri)
        let query = Dictionary((components?.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let request = Request(path: components?.path ?? head.uri, query: query, authorization: head.headers.first(name: "Authorization"))
        let segments = request.path.split(separator: "/").map(String.init)
        let namespace = segments.firstIndex(of: "namespaces").flatMap { segments.indices.contains($0 + 1) ? segments[$0 + 1] : nil }
        state.withLock { $0.requests.append(request) }
        let plural = String(request.path.split(separator: "/").last ?? "")
        if request.isWatch {
            return try await watch(plural, namespace: namespace, request, outbound, streaming: streaming)
        }
        let refused = state.withLock { state in
            guard let count = state.refusedLists[plural], count > 0 else { return false }
            state.refusedLists[plural] = count - 1
            return true
        }
        if refused {
            try await send(
                .forbidden,
                Self.status(403, "Forbidden", "\(plural) is forbidden: User \\\"system:serviceaccount:gnsd:agent\\\" cannot list resource"), outbound)
            return true
        }
        try await send(.ok, list(plural, namespace: namespace, request), outbound)
        return true
    }

    private func list(_ plural: String, namespace: String?, _ request: Request) -> String {
        state.withLock { state in
            let prefix = namespace.map { $0 + "/" } ?? ""
            var all = (state.objects[plural] ?? [:]).filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map(\.value)
            if let empty = state.emptyLists[plural], empty > 0, request.query["continue"] == nil {
                state.emptyLists[plural] = empty - 1
                all = []
            }
            let limit = Int(request.query["limit"] ?? "") ?? all.count
            let offset = Int(request.query["continue"] ?? "") ?? 0
            let page = Array(all.dropFirst(offset).prefix(limit))
            let next = offset + page.count < all.count ? #","continue":"\#(offset + page.count)""# : ""
            return
                #"{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"\#(state.version)"\#(next)},"items":[\#(page.joined(separator: ","))]}"#
        }
    }

    private func watch(
        _ plural: String, namespace: String?, _ request: Request, _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        streaming: StreamingWatch
    ) async throws -> Bool {
        let from = Int(request.query["resourceVersion"] ?? "") ?? 0
        let (stream, continuation) = AsyncStream<WatchCommand>.makeStream()
        streaming.current.withLock { $0 = continuation }
        let registration: (id: Int, backlog: [String])? = state.withLock { state in
            guard from >= state.oldestWatchable else { return nil }
            let id = state.nextWatcher
            state.nextWatcher += 1
            state.watchers[id] = Watcher(
                plural: plural, namespace: namespace, bookmarks: request.query["allowWatchBookmarks"] == "true", continuation: continuation)
            let backlog = state.history.filter { $0.plural == plural && $0.version > from && (namespace ?? $0.namespace) == $0.namespace }
            return (id, backlog.map(\.line))
        }
        guard let registration else {
            try await send(.gone, Self.status(410, "Expired", "too old resource version: \(from)"), outbound)
            return true
        }
        defer { state.withLock { _ = $0.watchers.removeValue(forKey: registration.id) } }
        let headers = HTTPHeaders([("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")])
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)))
        for line in registration.backlog {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: line + "\n"))))
        }
        for await command in stream {
            switch command {
            case .line(let line):
                try await outbound.write(.body(.byteBuffer(ByteBuffer(string: line + "\n"))))
            case .end:
                try await outbound.write(.end(nil))
                return true
            case .drop:
                return false
            }
        }
        return false
    }

    private func send(_ status: HTTPResponseStatus, _ body: String, _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        let headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", "\(body.utf8.count)")])
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: body))))
        try await outbound.write(.end(nil))
    }

    private static func status(_ code: Int, _ reason: String, _ message: String) -> String {
        #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"\#(message)","reason":"\#(reason)","code":\#(code)}"#
    }
}
