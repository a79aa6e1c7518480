import Foundation
import Testing

@testable import KubernetesSource

@Suite struct WatchEventTests {
    private func decode(_ line: String) throws -> WatchEvent<ServiceExportObject> {
        try JSONDecoder().decode(WatchEvent<ServiceExportObject>.self, from: Data(line.utf8))
    }

    @Test func decodesEachEventType() throws {
        let object = Fixtures.serviceExport("shop", "cart", resourceVersion: "42")
        let export = ServiceExportObject(metadata: ObjectMeta(name: "cart", namespace: "shop", resourceVersion: "42", labels: nil))
        #expect(try decode(#"{"type":"ADDED","object":\#(object)}"#) == .added(export))
        #expect(try decode(#"{"type":"MODIFIED","object":\#(object)}"#) == .modified(export))
        #expect(try decode(#"{"type":"DELETED","object":\#(object)}"#) == .deleted(export))
        let bookmark = try decode(
            #"{"type":"BOOKMARK","object":{"kind":"ServiceExport","apiVersion":"multicluster.x-k8s.io/v1alpha1","metadata":{"resourceVersion":"57","annotations":{"k8s.io/initial-events-end":"true"}}}}"#
        )
        #expect(bookmark == .bookmark(resourceVersion: "57"))
        #expect(bookmark.resourceVersion == "57")
        let error = try decode(
            #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (60)","reason":"Expired","code":410}}"#
        )
        #expect(error == .error(StatusObject(code: 410, reason: "Expired", message: "too old resource version: 5 (60)")))
        #expect(error.resourceVersion == nil)
    }

    @Test func refusesAnUnknownEventType() {
        #expect(throws: DecodingError.self) { try decode(#"{"type":"RENAMED","object":{}}"#) }
    }
}
