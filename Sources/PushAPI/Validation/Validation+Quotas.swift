import APIBodies

extension Validation {
    /// Checks that the array at `path` holds at most `limit` items; beyond, a 422
    /// `quota_exceeded` names the first item past the limit and the quota's key.
    ///
    ///     try Validation.count(ips.count, atMost: quotas.ipsPerExport, at: path.field("ips"), of: "IPs in one export", quota: "ips-per-export")
    static func count(
        _ count: Int, atMost limit: Int, at path: @autoclosure () -> FieldPath, of what: String, quota: String
    ) throws(APIError) {
        guard count <= limit else {
            throw .quotaExceeded(path().item(limit), "more than \(limit) \(what) (quotas.\(quota))")
        }
    }

    /// `text`, if it is at most `limit` UTF-8 bytes long; longer, a 422 `quota_exceeded` naming
    /// the field and the quota's key.
    static func text(_ text: String, atMostBytes limit: Int, at path: @autoclosure () -> FieldPath, quota: String) throws(APIError) -> String {
        guard text.utf8.count <= limit else {
            throw .quotaExceeded(path(), "longer than \(limit) bytes (quotas.\(quota))")
        }
        return text
    }
}
