extension APIClient {
    /// ``send(_:_:json:)`` on a thread of its own (``onOwnThread(_:)``), for tests that run beside others.
    public func sendOnOwnThread(_ method: String, _ path: String, json body: String? = nil) async throws -> Response {
        let client = self
        return try await onOwnThread { try client.send(method, path, json: body) }
    }
}
