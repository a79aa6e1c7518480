public import DNSWire

extension RecordType {
    /// The types gnsd names in metrics labels and accepts by mnemonic in `GET /v1/explain`.
    public static let named: [RecordType] = [.a, .aaaa, .srv, .txt, .ptr, .soa, .ns, .cname, .mx, .caa, .any]

    /// The type `text` names: a mnemonic of ``named`` (any case) or `TYPEnnn` (RFC 3597).
    init?(apiName text: String) {
        let name = text.uppercased()
        if name.hasPrefix("TYPE"), let value = UInt16(name.dropFirst(4)) {
            self.init(rawValue: value)
        } else if let type = Self.named.first(where: { $0.description == name }) {
            self = type
        } else {
            return nil
        }
    }
}
