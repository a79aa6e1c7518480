/// Request bodies shared by the tests, as JSON text.
enum Fixtures {
    /// A snapshot of cluster aws-west at `generation`: a clusterSetIP and a headless service,
    /// three endpoints.
    static func snapshot(generation: Int = 1) -> String {
        """
        {"generation": \(generation), "cluster": {"region": "us-west", "zone": "us-west-2a", "labels": {"cloud": "aws"}},
         "exports": [\(catalog), \(carts)]}
        """
    }

    /// The clusterSetIP service shop/catalog with two endpoints, one not ready.
    static let catalog = """
        {"namespace": "shop", "name": "catalog", "type": "clusterSetIP", "ips": ["10.96.0.10", "fd00::10"],
         "ports": [{"name": "http", "port": 80, "protocol": "TCP"}],
         "endpoints": [{"addresses": ["10.1.2.3"], "hostname": "catalog-0", "ready": true, "zone": "us-west-2a", "weight": 1},
                       {"addresses": ["10.1.2.4"], "ready": false}]}
        """

    /// The headless service shop/carts with one endpoint.
    static let carts = """
        {"namespace": "shop", "name": "carts", "type": "headless",
         "ports": [{"name": "redis", "port": 6379, "protocol": "TCP"}],
         "endpoints": [{"addresses": ["10.1.3.7"], "hostname": "carts-0"}]}
        """

    /// The headless service shop/search with one endpoint of weight 2.
    static let search = #"{"namespace": "shop", "name": "search", "type": "headless", "endpoints": [{"addresses": ["10.1.4.1"], "weight": 2}]}"#

    /// The members naming the headless service shop/carts, for exports a test completes.
    static let cartsHeadless = #""namespace": "shop", "name": "carts", "type": "headless""#

    /// A snapshot holding shop/carts, headless, with one endpoint at 10.1.2.3 that also has
    /// `member` (a JSON member such as `"weight": -1`).
    static func snapshot(cartsEndpointWith member: String) -> String {
        snapshot(exports: #"{\#(cartsHeadless), "endpoints": [{"addresses": ["10.1.2.3"], \#(member)}]}"#)
    }

    /// A snapshot at generation 2 holding exactly `exports` (JSON array elements).
    static func snapshot(exports: String...) -> String {
        #"{"generation": 2, "exports": [\#(exports.joined(separator: ","))]}"#
    }

    /// A delta from generation 1 to 2 with the given members.
    static func delta(_ members: String) -> String {
        #"{"baseGeneration": 1, "generation": 2, \#(members)}"#
    }
}
