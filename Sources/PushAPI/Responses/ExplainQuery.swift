import APIBodies
import Authority
import DNSWire
import EndpointTable

/// The query of `GET /v1/explain`: `name`, `type` (default `A`), and where the client is:
/// `client` (its source address) and `subnet` (an EDNS Client Subnet such as `10.3.0.0/24`).
struct ExplainQuery {
    var name: DomainName
    var type: RecordType
    var client: ClientContext

    /// The query in `parameters`, or a 422 naming the parameter at fault.
    init(_ parameters: [String: String]) throws(APIError) {
        guard let text = parameters["name"], !text.isEmpty else { throw .invalid(FieldPath("name"), "is required") }
        do {
            name = try DomainName(text)
        } catch {
            throw .invalid(FieldPath("name"), "must be a domain name: \(error)")
        }
        guard let type = RecordType(apiName: parameters["type"] ?? "A") else {
            throw .invalid(FieldPath("type"), "must be a record type such as A, AAAA, SRV or TYPE65")
        }
        self.type = type
        let source = try parameters["client"].map { (text) throws(APIError) in try Validation.address(text, at: FieldPath("client")) }
        client = ClientContext(sourceAddress: source?.octets ?? [], clientSubnet: try parameters["subnet"].map(Self.subnet))
    }

    /// The client subnet `address/prefix`.
    private static func subnet(_ text: String) throws(APIError) -> ClientSubnet {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let address = IPAddress(String(parts[0])), let length = UInt8(parts[1]),
            let subnet = ClientSubnet(address: address.octets, sourcePrefixLength: length)
        else {
            throw .invalid(FieldPath("subnet"), "must be a network such as 10.3.0.0/24, with no bit set past the prefix")
        }
        return subnet
    }
}
