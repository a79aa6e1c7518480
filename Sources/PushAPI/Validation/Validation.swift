import EndpointTable

/// The rules request fields must follow; each check throws a 422 naming the field. Paths are
/// taken as autoclosures and spelled out only for an error, so a valid 50,000-endpoint push
/// builds none of them.
enum Validation {

    /// `text`, if it is an RFC 1123 label.
    static func label(_ text: String, at path: @autoclosure () -> FieldPath) throws(APIError) -> String {
        guard DNSLabel.isValid(text) else { throw .invalid(path(), DNSLabel.rule) }
        return text
    }

    /// The service key `namespace/name` of the object at `path`.
    static func serviceKey(namespace: String, name: String, at path: @autoclosure () -> FieldPath) throws(APIError) -> ServiceKey {
        let namespace = try label(namespace, at: path().field("namespace"))
        guard let key = ServiceKey(namespace: namespace, name: try label(name, at: path().field("name"))) else {
            throw .invalid(path(), DNSLabel.rule)
        }
        return key
    }

    /// The IPv4 or IPv6 address `text`.
    static func address(_ text: String, at path: @autoclosure () -> FieldPath) throws(APIError) -> IPAddress {
        guard let address = IPAddress(text) else { throw .invalid(path(), "must be an IPv4 or IPv6 address") }
        return address
    }

    /// The addresses of the array at `path`, of which there must be at least one.
    static func addresses(_ texts: [String], at path: @autoclosure () -> FieldPath) throws(APIError) -> [IPAddress] {
        guard !texts.isEmpty else { throw .invalid(path(), "must hold at least one address") }
        var addresses: [IPAddress] = []
        addresses.reserveCapacity(texts.count)
        for (index, text) in texts.enumerated() {
            addresses.append(try address(text, at: path().item(index)))
        }
        return addresses
    }

    /// `value` as a `UInt16` within `range`.
    static func uint16(_ value: Int, in range: ClosedRange<UInt16>, at path: @autoclosure () -> FieldPath) throws(APIError) -> UInt16 {
        guard let number = UInt16(exactly: value), range.contains(number) else {
            throw .invalid(path(), "must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
