import APIBodies
import GNSModel

/// The read-only status page (`GET /ui`): clusters with lease state and time left, services with
/// each cluster's readiness, zones with serials, and an explain form whose answer
/// (`GET /ui/explain`) shows below it. Plain HTML and one inline style sheet: no script, nothing
/// fetched from elsewhere; the overview reloads itself every 10 seconds.
struct StatusPage {
    var status: ServerStatus
    var clusters: ClusterList
    var services: ServiceList
    /// What the explain form holds: the last request's `name`, `type`, `client` and `subnet`.
    var form: [String: String] = [:]
    var explained: Explained?

    /// What an explain request gave.
    enum Explained {
        case answer(Explanation)
        /// The request was refused: the parameter at fault and why.
        case refused(field: String?, message: String)
    }

    /// The whole document.
    var html: String {
        let refresh = explained == nil ? "<meta http-equiv=\"refresh\" content=\"10\">" : ""
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\(refresh)
            <title>gnsd status</title><style>\(Self.style)</style></head><body>
            <header><h1>gnsd</h1><p id="summary">\(summary)</p></header>
            <main>
            <section><h2>Clusters</h2>\(clusterTable)</section>
            <section><h2>Services</h2>\(serviceTable)</section>
            <section><h2>Zones</h2>\(zoneTable)<p id="reload">\(reload)</p></section>
            <section><h2>Explain a name</h2>\(explainForm)\(explanation)</section>
            </main>
            <footer>Also as JSON: <a href="/v1/status">/v1/status</a>, <a href="/v1/clusters">/v1/clusters</a>, <a href="/v1/services">/v1/services</a>; <a href="/metrics">/metrics</a>, <a href="/openapi.yaml">/openapi.yaml</a></footer>
            </body></html>

            """
    }

    private var summary: String {
        let counts = status.clusters
        return HTML.escaped(
            "version \(status.version) · up \(ServerStatus.duration(status.uptimeSeconds)) · clusters \(counts.live) live, \(counts.stale) stale, "
                + "\(counts.expired) expired · \(status.tableSize) · "
                + "\(Self.rate(status.queries.perSecond)) queries/s, \(Self.rate(status.pushes.perSecond)) pushes/s over the last minute")
    }

    private var clusterTable: String {
        HTML.table(
            id: "clusters", header: ["Cluster", "Region", "Zone", "Lease", "Expires in", "Generation", "Endpoints", "Held withdrawals"],
            rows: clusters.clusters.map { cluster in
                let lease = cluster.lease + (cluster.dampingHoldEndsInSeconds.map { " (damped for \(Self.seconds($0)))" } ?? "")
                return (
                    " data-cluster=\"\(HTML.escaped(cluster.id))\" class=\"lease-\(HTML.escaped(cluster.lease))\"",
                    [
                        HTML.escaped(cluster.id), HTML.escaped(cluster.region ?? "-"), HTML.escaped(cluster.zone ?? "-"),
                        "<span class=\"lease\">\(HTML.escaped(lease))</span>", HTML.escaped(cluster.leaseExpiresInSeconds.map(Self.seconds) ?? "-"),
                        "\(cluster.generation)", "\(cluster.endpoints)",
                        HTML.escaped(cluster.heldWithdrawals.map { "\($0.endpoints) for \(Self.seconds($0.releaseInSeconds))" } ?? "-"),
                    ]
                )
            }, empty: "No cluster has pushed yet.")
    }

    private var serviceTable: String {
        HTML.table(
            id: "services", header: ["Service", "Clusters: ready endpoints of all, lease"],
            rows: services.services.map { service in
                let name = "\(service.namespace)/\(service.name)"
                let clusters = service.clusters.map { cluster in
                    "<li data-cluster=\"\(HTML.escaped(cluster.cluster))\" class=\"lease-\(HTML.escaped(cluster.lease))\">"
                        + HTML.escaped("\(cluster.cluster): \(cluster.readyEndpoints) of \(cluster.endpoints) ready, \(cluster.lease)") + "</li>"
                }
                return (" data-service=\"\(HTML.escaped(name))\"", [HTML.escaped(name), "<ul>\(clusters.joined())</ul>"])
            }, empty: "No service is exported.")
    }

    private var zoneTable: String {
        HTML.table(
            id: "zones", header: ["Zone", "Serial", "Records", "Names from"],
            rows: status.zones.map { zone in
                (
                    " data-zone=\"\(HTML.escaped(zone.name))\"",
                    [HTML.escaped(zone.name), "\(zone.serial)", "\(zone.records)", zone.dynamic ? "pushes and the zone file" : "the zone file"]
                )
            }, empty: "No zone is served.")
    }

    private var reload: String {
        guard let reload = status.lastZoneReload else { return "No zone reload since start." }
        return HTML.escaped("Last zone reload: \(reload.result) at \(reload.time)" + (reload.error.map { ": \($0)" } ?? ""))
    }

    private var explainForm: String {
        let value = { (key: String) in HTML.escaped(form[key] ?? "") }
        return """
            <form method="get" action="/ui/explain">
            <label>Name <input name="name" value="\(value("name"))" placeholder="catalog.shop.svc.clusterset.local" required></label>
            <label>Type <input name="type" value="\(form["type"].map(HTML.escaped) ?? "A")" size="6"></label>
            <label>Client address <input name="client" value="\(value("client"))" placeholder="10.1.2.3"></label>
            <label>or client subnet <input name="subnet" value="\(value("subnet"))" placeholder="10.1.0.0/24"></label>
            <button type="submit">Explain</button>
            </form>
            """
    }

    private var explanation: String {
        switch explained {
        case nil:
            return ""
        case .refused(let field, let message):
            return "<p id=\"explain-error\" class=\"error\">" + HTML.escaped((field.map { "\($0): " } ?? "") + message) + "</p>"
        case .answer(let answer):
            let facts = [
                ("Name", answer.name), ("Type", answer.type), ("Zone", answer.zone ?? "-"), ("Source", answer.source.rawValue),
                ("Client", answer.clientPlacement), ("Policy", answer.policy.rawValue),
                ("Response code", answer.rcode + (answer.authoritative ? ", authoritative" : "")), ("Fail static", answer.failStatic ? "yes" : "no"),
            ]
            let candidates = HTML.table(
                id: "candidates", header: ["Cluster", "Namespace", "Lease", "Ready", "Locality", "Included", "Reason"],
                rows: answer.candidates.map { candidate in
                    (
                        " data-cluster=\"\(HTML.escaped(candidate.cluster))\"",
                        [
                            candidate.cluster, candidate.namespace, candidate.lease, "\(candidate.readyEndpoints)", candidate.locality,
                            candidate.included ? "yes" : "no", ([candidate.reason] + (candidate.notes ?? [])).joined(separator: "; "),
                        ].map(HTML.escaped)
                    )
                }, empty: "No cluster exports this name.")
            let records = [("Answer", answer.answers), ("Authority", answer.authorities), ("Additional", answer.additionals)]
                .filter { !$0.1.isEmpty }
                .map { "<h4>\($0.0)</h4><pre>\(HTML.escaped($0.1.joined(separator: "\n")))</pre>" }
            return "<div id=\"explanation\"><h3>What gnsd answers</h3><dl>"
                + facts.map { "<dt>\($0.0)</dt><dd>\(HTML.escaped($0.1))</dd>" }.joined() + "</dl>" + candidates + records.joined() + "</div>"
        }
    }

    /// `seconds` left as `14.9s`, or `2m 5s` from a minute on.
    private static func seconds(_ seconds: Double) -> String {
        seconds < 60 ? "\((seconds * 10).rounded() / 10)s" : ServerStatus.duration(seconds)
    }

    private static func rate(_ perSecond: Double) -> String {
        "\((perSecond * 10).rounded() / 10)"
    }

    private static let style = """
        body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}\
        header{border-bottom:2px solid #ccc}h1{margin:.6rem 0 0}#summary{color:#555;margin:.2rem 0 .6rem}\
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}\
        th{background:#f4f4f6}td.none{color:#777}ul{margin:0;padding-left:1rem}\
        .lease-live .lease,li.lease-live{color:#1a7f37}.lease-stale .lease,li.lease-stale{color:#9a6700}.lease-expired .lease,li.lease-expired{color:#cf222e}\
        form label{margin-right:.8rem}input{font:inherit}.error{color:#cf222e}dl{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem}\
        dt{font-weight:600}pre{background:#f4f4f6;padding:.5rem;overflow-x:auto}footer{margin:2rem 0 1rem;color:#555}
        """
}
