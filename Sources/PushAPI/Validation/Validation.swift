import APIBodies
import EndpointTable

/// The rules request fields must follow, the export rules among them shared with the agent
/// (``ExportRules``); each check throws a 422 naming the field. Paths are
/// taken as autoclosures and spelled out only for an error, so a valid 50,000-endpoint push
/// builds none of them.
enum Validation {

    /// What `rule` returns, or a 422 at `path` (at its member the violation names) with the
    /// violation's reason.
    static func applying<Value>(
        _ rule: () throws(ExportRuleViolation) -> Value, at path: @autoclosure () -> FieldPath
    ) throws(APIError) -> Value {
        do {
            return try rule()
        } catch {
            throw .invalid(error.member.map { path().field($0) } ?? path(), error.reason)
        }
    }

    /// `text`, if it is an RFC 1123 label.
    static func label(_ text: String, at path: @autoclosure () -> FieldPath) throws(APIError) -> String {
        try applying({ () throws(ExportRuleViolation) in try ExportRules.label(text) }, at: path())
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
        try applying({ () throws(ExportRuleViolation) in try ExportRules.address(text) }, at: path())
    }

    /// The addresses of the array at `path`, of which there must be at least one.
    static func addresses(_ texts: [String], at path: @autoclosure () -> FieldPath) throws(APIError) -> [IPAddress] {
        try applying({ () throws(ExportRuleViolation) in try ExportRules.nonEmptyAddresses(count: texts.count) }, at: path())
        var addresses: [IPAddress] = []
        addresses.reserveCapacity(texts.count)
        for (index, text) in texts.enumerated() {
            addresses.append(try address(text, at: path().item(index)))
        }
        return addresses
    }

}
