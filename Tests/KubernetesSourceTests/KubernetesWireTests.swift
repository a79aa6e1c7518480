import EndpointTable
import Testing

@testable import KubernetesSource

/// The source against ``FakeAPIServer``: list, watch, resume, relist and publish over real HTTP.
@Suite struct KubernetesWireTests {
    private typealias F = Fixtures
    private static let exports = "serviceexports"
    private static let services = "services"
    private static let slices = "endpointslices"

    /// `shop/catalog` exported, with its Service and one slice, plus an unexported Service.
    private func seed(_ api: FakeAPIServer) {
        api.put(Self.exports, F.serviceExport("shop", "catalog"))
        api.put(Self.services, F.clusterIPService("shop", "catalog", ips: ["10.96.0.10"], ports: #"[{"name":"http","protocol":"TCP","port":80}]"#))
        api.put(Self.services, F.clusterIPService("shop", "internal", ips: ["10.96.0.11"], ports: "[]"))
        api.put(
            Self.slices, F.endpointSlice("shop", "catalog-1", service: "catalog", endpoints: "[\(F.endpoint(["10.1.0.11"], pod: "a", zone: "z1"))]"))
    }

    private func catalog(_ endpoints: [Endpoint]) -> [ServiceExport] {
        [
            ServiceExport(
                key: F.key("shop", "catalog"), kind: .clusterSetIP([F.address("10.96.0.10")]),
                ports: [ServicePort(name: "http", port: 80, portProtocol: .tcp)], endpoints: endpoints)
        ]
    }

    private let first = Endpoint(addresses: [Fixtures.address("10.1.0.11")], ready: true, zone: "z1")
    private let second = Endpoint(addresses: [Fixtures.address("10.1.0.12")], ready: true, zone: "z2")

    private func secondSlice(ready: Bool) -> String {
        F.endpointSlice("shop", "catalog-2", service: "catalog", endpoints: "[\(F.endpoint(["10.1.0.12"], pod: "b", ready: ready, zone: "z2"))]")
    }

    /// A fake API server holding ``seed(_:)`` and what `prepare` adds, a source running against it with its three watches
    /// open, and its first publication.
    ///
    /// Waiting for every watch matters: a compaction moves the oldest watchable version for all kinds (as etcd's does), so
    /// a watch still to start from its list's version would get 410 Gone, relist and publish a second resync.
    private func start(
        namespace: String? = nil, https: Bool = false, prepare: (FakeAPIServer) -> Void = { _ in }
    ) async throws -> (FakeAPIServer, RunningSource, PublishRecorder.Publication) {
        let api = try await FakeAPIServer.start(tls: https)
        seed(api)
        prepare(api)
        let source = try RunningSource(api: api, token: "token-1", namespace: namespace, https: https)
        let initial = try await source.recorder.next()
        for plural in [Self.exports, Self.services, Self.slices] {
            try await api.waitForWatches(plural)
        }
        return (api, source, initial)
    }

    private func lists(_ api: FakeAPIServer, _ plural: String) -> [FakeAPIServer.Request] {
        api.requests.filter { !$0.isWatch && $0.path.hasSuffix("/" + plural) && $0.query["continue"] == nil }
    }

    @Test func listsThenWatchesAndPublishesEachChange() async throws {
        let (api, source, initial) = try await start()
        #expect(initial == .init(exports: catalog([first]), resync: true))
        let requests = api.requests
        #expect(requests.allSatisfy { $0.authorization == "Bearer token-1" })
        #expect(
            Set(requests.map(\.path)) == [
                "/apis/multicluster.x-k8s.io/v1alpha1/serviceexports", "/api/v1/services", "/apis/discovery.k8s.io/v1/endpointslices",
            ])
        #expect(requests.filter { $0.path == "/api/v1/services" && !$0.isWatch }.map { $0.query["continue"] } == [nil, "1"])
        let watch = try #require(requests.first { $0.isWatch && $0.path.hasSuffix(Self.slices) })
        #expect(watch.query == ["watch": "1", "resourceVersion": "104", "allowWatchBookmarks": "true", "timeoutSeconds": "30"])

        api.put(Self.slices, secondSlice(ready: true))
        #expect(try await source.recorder.next() == .init(exports: catalog([first, second]), resync: false))
        api.put(Self.slices, secondSlice(ready: false))
        var unready = second
        unready.ready = false
        #expect(try await source.recorder.next() == .init(exports: catalog([first, unready]), resync: false))
        let burst = (3...5).map { index in
            F.endpointSlice("shop", "catalog-\(index)", service: "catalog", endpoints: "[\(F.endpoint(["10.1.0.\(index)"], pod: "p\(index)"))]")
        }
        burst.forEach { api.put(Self.slices, $0) }
        let gathered = try await source.recorder.next { $0.exports.first?.endpoints.count == 5 }
        #expect(gathered.allSatisfy { !$0.resync })
        #expect(
            gathered.last?.exports.first?.endpoints.map(\.addresses)
                == [["10.1.0.3"], ["10.1.0.4"], ["10.1.0.5"], ["10.1.0.11"], ["10.1.0.12"]].map { $0.map(F.address) })
        (3...5).forEach { api.delete(Self.slices, "shop", "catalog-\($0)") }
        let removed = try await source.recorder.next { $0.exports.first?.endpoints.count == 2 }
        #expect(removed.allSatisfy { !$0.resync })
        #expect(removed.last == .init(exports: catalog([first, unready]), resync: false))
        api.delete(Self.slices, "shop", "catalog-1")
        #expect(try await source.recorder.next() == .init(exports: catalog([unready]), resync: false))
        api.delete(Self.exports, "shop", "catalog")
        #expect(try await source.recorder.next() == .init(exports: [], resync: false))

        try await source.stop()
        #expect(lists(api, Self.slices).count == 1)
        await api.stop()
    }

    @Test func aDroppedWatchResumesFromTheLastVersionWithTheCurrentToken() async throws {
        let (api, source, _) = try await start()
        api.put(Self.services, F.clusterIPService("shop", "internal", ips: ["10.96.0.12"], ports: "[]"))
        let bookmark = api.bookmark(Self.slices)
        try await Task.sleep(for: .milliseconds(100))
        try source.rotateToken("token-2")
        api.dropWatches(Self.slices)
        let resumed = try await api.request { $0.isWatch && $0.path.hasSuffix(Self.slices) && $0.query["resourceVersion"] == "\(bookmark)" }
        #expect(resumed.authorization == "Bearer token-2")
        try await api.waitForWatches(Self.slices)
        api.put(Self.slices, secondSlice(ready: true))
        #expect(try await source.recorder.next() == .init(exports: catalog([first, second]), resync: false))

        let version = api.put(Self.slices, secondSlice(ready: true))
        try await Task.sleep(for: .milliseconds(100))
        api.endWatches(Self.slices)
        _ = try await api.request { $0.isWatch && $0.path.hasSuffix(Self.slices) && $0.query["resourceVersion"] == "\(version)" }
        try await source.stop()
        #expect(lists(api, Self.slices).count == 1)
        #expect(source.recorder.count == 2)
        await api.stop()
    }

    @Test func goneAsAnErrorEventRelistsAndPublishesAResync() async throws {
        let (api, source, _) = try await start()
        api.compact(Self.services, errorEvent: true)
        #expect(try await source.recorder.next() == .init(exports: catalog([first]), resync: true))
        #expect(lists(api, Self.services).count == 2)
        try await api.waitForWatches(Self.services)
        api.put(Self.services, F.clusterIPService("shop", "catalog", ips: ["10.96.0.20"], ports: "[]"))
        let moved = try await source.recorder.next()
        #expect(moved.resync == false)
        #expect(moved.exports.map(\.kind) == [.clusterSetIP([F.address("10.96.0.20")])])
        try await source.stop()
        await api.stop()
    }

    @Test func anEmptyRelistAfterABrokenWatchIsNotPublishedUntilAnotherListConfirmsIt() async throws {
        let (api, source, _) = try await start()
        api.answerEmptyLists(Self.exports, count: 1)
        let broken = ContinuousClock.now
        api.compact(Self.exports, errorEvent: true)
        let relisted = try await source.recorder.next()
        #expect(relisted == .init(exports: catalog([first]), resync: true), "the export is never published as gone")
        #expect(ContinuousClock.now - broken >= RunningSource.timing.emptyListConfirmation, "published after the confirming list")
        #expect(lists(api, Self.exports).count == 3)
        #expect(source.recorder.count == 2)

        api.answerEmptyLists(Self.exports, count: 2)
        try await api.waitForWatches(Self.exports)
        api.compact(Self.exports, errorEvent: true)
        #expect(try await source.recorder.next() == .init(exports: [], resync: true), "a second empty list confirms the first")
        #expect(lists(api, Self.exports).count == 5)
        try await source.stop()
        await api.stop()
    }

    @Test func aRefusedRelistKeepsThePublishedExports() async throws {
        let (api, source, _) = try await start()
        api.refuseLists(Self.slices, count: 3)
        api.compact(Self.slices, errorEvent: true)
        #expect(try await source.recorder.next() == .init(exports: catalog([first]), resync: true))
        #expect(lists(api, Self.slices).count == 5)
        #expect(source.recorder.count == 2)
        try await source.stop()
        await api.stop()
    }

    @Test func anUnreadableEventRelistsAndPublishesAResync() async throws {
        let (api, source, _) = try await start()
        api.send(Self.exports, raw: #"{"type":"ADDED","object":{"kind":"ServiceExport"}}"#)
        #expect(try await source.recorder.next() == .init(exports: catalog([first]), resync: true))
        #expect(lists(api, Self.exports).count == 2)
        try await source.stop()
        await api.stop()
    }

    @Test func goneAsAStatusOnResumingRelistsAndPublishesAResync() async throws {
        let (api, source, _) = try await start()
        let stale = api.requests.last { $0.isWatch && $0.path.hasSuffix(Self.slices) }?.query["resourceVersion"]
        api.compact(Self.slices, errorEvent: false)
        #expect(try await source.recorder.next() == .init(exports: catalog([first]), resync: true))
        #expect(api.requests.filter { $0.isWatch && $0.path.hasSuffix(Self.slices) && $0.query["resourceVersion"] == stale }.count == 2)
        #expect(lists(api, Self.slices).count == 2)
        try await source.stop()
        await api.stop()
    }

    @Test func aRefusedListIsRetriedAndANamespaceRestrictsEveryRequest() async throws {
        let (api, source, initial) = try await start(namespace: "shop") { api in
            api.put(Self.exports, F.serviceExport("other", "catalog"))
            api.put(Self.services, F.clusterIPService("other", "catalog", ips: ["10.96.9.9"], ports: "[]"))
            api.refuseLists(Self.slices, count: 2)
        }
        #expect(initial == .init(exports: catalog([first]), resync: true))
        #expect(lists(api, Self.slices).count == 3)
        #expect(
            Set(api.requests.map(\.path)) == [
                "/apis/multicluster.x-k8s.io/v1alpha1/namespaces/shop/serviceexports", "/api/v1/namespaces/shop/services",
                "/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices",
            ])
        try await source.stop()
        await api.stop()
    }
}

extension KubernetesWireTests {
    @Test func overHTTPSTrustingTheClusterCA() async throws {
        let (api, source, initial) = try await start(https: true)
        #expect(initial == .init(exports: catalog([first]), resync: true))
        #expect(api.requests.allSatisfy { $0.authorization == "Bearer token-1" })
        try await source.stop()
        await api.stop()
    }
}
