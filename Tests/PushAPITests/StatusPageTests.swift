import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PushAPI

@Suite("The status page: the read credentials (a browser's Basic password too), escaped values, the explain form")
struct StatusPageTests {
    static func basic(_ token: String) -> String {
        "Basic " + Data("ops:\(token)".utf8).base64EncodedString()
    }

    @Test func needsTheReadCredentialsAndAsksBrowsersForThem() async throws {
        let harness = try APITestHarness(settings: AuthTests.settings)
        try await harness.run { client in
            let refused = try await client.execute(uri: "/ui", method: .get)
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[values: .wwwAuthenticate] == [#"Bearer realm="gnsd""#, #"Basic realm="gnsd", charset="UTF-8""#])
            let wrong = try await client.execute(uri: "/ui", method: .get, headers: [.authorization: Self.basic("not-a-token")])
            #expect(wrong.status == .unauthorized)
            for authorization in [Self.basic("gcp-token"), "Bearer gcp-token", Self.basic("admin-token")] {
                let page = try await client.execute(uri: "/ui", method: .get, headers: [.authorization: authorization])
                #expect(page.status == .ok, "\(authorization)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(
                    page.headers[.contentSecurityPolicy]
                        == "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                #expect(page.headers[.cacheControl] == "no-store")
            }
            let emptyPassword = try await client.execute(uri: "/ui", method: .get, headers: [.authorization: Self.basic("")])
            #expect(emptyPassword.status == .unauthorized)
            #expect(try await client.send(.get, "/v1/status", token: nil).headers[values: .wwwAuthenticate] == [#"Bearer realm="gnsd""#])
        }
    }

    @Test func showsClustersServicesAndZones() async throws {
        let harness = try APITestHarness(settings: AuthTests.settings)
        let page = try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            return try await client.send(.get, "/ui", token: "gcp-token").text
        }
        #expect(page.hasPrefix("<!doctype html>"))
        #expect(page.contains(#"<meta http-equiv="refresh" content="10">"#))
        #expect(
            page.contains(
                #"<tr data-cluster="aws-west" class="lease-live"><td>aws-west</td><td>us-west</td><td>us-west-2a</td><td><span class="lease">live</span></td><td>15.0s</td><td>1</td><td>3</td><td>-</td></tr>"#
            ), "\(page)")
        #expect(page.contains(#"<li data-cluster="aws-west" class="lease-live">aws-west: 1 of 2 ready, live</li>"#))
        #expect(page.contains(#"<tr data-service="shop/catalog"><td>shop/catalog</td>"#))
        #expect(
            page.contains(
                #"<tr data-zone="clusterset.local."><td>clusterset.local.</td><td>2026010100</td><td>1</td><td>pushes and the zone file</td></tr>"#))
        #expect(!page.contains("<script"))
    }

    @Test func escapesWhatAgentsPush() async throws {
        let harness = try APITestHarness(settings: AuthTests.settings)
        let page = try await harness.run { client in
            let snapshot = #"{"generation": 1, "cluster": {"region": "<script>alert(1)</script>", "zone": "a\"b&c"}, "exports": []}"#
            #expect(try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: snapshot, token: "aws-token").status == .ok)
            return try await client.send(.get, "/ui", token: "aws-token").text
        }
        #expect(!page.contains("<script>"))
        #expect(page.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>a&quot;b&amp;c</td>"))
    }

    @Test func explainFormShowsTheAnswerOrTheFault() async throws {
        let harness = try APITestHarness(settings: AuthTests.settings)
        let (answer, refused) = try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot(), token: "aws-token")
            let answer = try await client.send(.get, "/ui/explain?name=catalog.shop.svc.clusterset.local&type=A&client=10.9.9.9", token: "aws-token")
            let refused = try await client.send(.get, "/ui/explain?name=a..b&type=A", token: "aws-token")
            return (answer, refused)
        }
        #expect(answer.status == .ok)
        #expect(!answer.text.contains("http-equiv=\"refresh\""), "an answer stays on screen")
        #expect(answer.text.contains(#"<input name="name" value="catalog.shop.svc.clusterset.local""#))
        #expect(answer.text.contains("<dt>Response code</dt><dd>NOERROR, authoritative</dd>"))
        #expect(answer.text.contains(#"<tr data-cluster="aws-west"><td>aws-west</td><td>shop</td><td>live</td><td>1</td>"#))
        #expect(answer.text.contains("<h4>Answer</h4><pre>catalog.shop.svc.clusterset.local. 5 IN A 10.96.0.10</pre>"), "\(answer.text)")
        #expect(refused.status == .unprocessableContent)
        #expect(refused.text.contains(#"<p id="explain-error" class="error">name: must be a domain name"#), "\(refused.text)")
        #expect(refused.text.contains(#"<input name="name" value="a..b""#))
    }
}
