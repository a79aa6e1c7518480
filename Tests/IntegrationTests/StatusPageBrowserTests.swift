import Foundation
import TestKit
import TestSupport
import Testing

/// The status page in a real browser: headless Chromium from Debian loads it from a gnsd after a
/// scripted push, and its DOM holds the cluster, the service and the zones; the explain form's
/// answer page too. A screenshot of the page is kept at `.build/artifacts/status-page.png`.
@Suite(.serialized)
struct StatusPageBrowserTests {
    static let snapshot = """
        {"generation": 1, "cluster": {"region": "us-west", "zone": "us-west-2a"},
         "exports": [{"namespace": "default", "name": "catalog", "type": "clusterSetIP", "ips": ["10.96.0.10"],
                      "ports": [{"name": "http", "port": 80, "protocol": "TCP"}],
                      "endpoints": [{"addresses": ["10.1.0.5"], "ready": true}, {"addresses": ["10.1.0.6"], "ready": false}]}]}
        """

    @Test func chromiumShowsThePushedClusterAndService() async throws {
        try await withServer(zones: ServedZones.shipped) { server in
            let pushed = try await APIClient(port: server.apiPort).send("PUT", "/v1/clusters/aws-west/snapshot", json: Self.snapshot)
            try #require(pushed.status == 200, "\(pushed)")
            let page = "http://127.0.0.1:\(server.apiPort)/ui"
            let dom = try await HeadlessChromium.dom(of: page)
            #expect(dom.contains(#"<tr data-cluster="aws-west" class="lease-live"><td>aws-west</td><td>us-west</td><td>us-west-2a</td>"#), "\(dom)")
            #expect(dom.contains(#"<li data-cluster="aws-west" class="lease-live">aws-west: 1 of 2 ready, live</li>"#))
            #expect(dom.contains(#"<tr data-service="default/catalog"><td>default/catalog</td>"#))
            #expect(dom.contains(#"<tr data-zone="acme.local."><td>acme.local.</td>"#))
            #expect(dom.contains("clusters 1 live, 0 stale, 0 expired · 1 service, 2 endpoints"))

            let explained = try await HeadlessChromium.dom(of: page + "/explain?name=catalog.default.svc.clusterset.local&type=A&client=127.0.0.1")
            #expect(explained.contains("<dt>Response code</dt><dd>NOERROR, authoritative</dd>"), "\(explained)")
            #expect(explained.contains("<h4>Answer</h4><pre>catalog.default.svc.clusterset.local. 5 IN A 10.96.0.10</pre>"))

            let artifacts = Repository.path(".build/artifacts")
            try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
            let screenshot = artifacts + "/status-page.png"
            try? FileManager.default.removeItem(atPath: screenshot)
            try await HeadlessChromium.screenshot(of: page, to: screenshot)
            let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG file")
            #expect(png.count > 10_000, "a rendered page, not a blank one")
            print("status page screenshot: \(screenshot)")
        }
    }
}
