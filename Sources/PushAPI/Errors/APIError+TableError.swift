import EndpointTable

extension APIError {
    /// The answer to a change the table refused; `field` names the request part at fault when known.
    init(_ error: TableError, field: String? = nil) {
        let message = error.description
        switch error {
        case .staleGeneration(let current):
            self.init(.conflict, code: "stale_generation", message: message, field: "generation", currentGeneration: current)
        case .generationMismatch(let current):
            self.init(.conflict, code: "generation_mismatch", message: message, field: "baseGeneration", currentGeneration: current)
        case .unknownCluster(let id):
            self = .unknownCluster(id.name)
        case .unknownService:
            self.init(.unprocessableContent, code: "unknown_service", message: message, field: field)
        case .unknownEndpoint:
            self.init(.unprocessableContent, code: "unknown_endpoint", message: message, field: field)
        case .tooManyEndpoints:
            self.init(.unprocessableContent, code: "too_many_endpoints", message: message, field: field)
        case .duplicateService:
            self.init(.unprocessableContent, code: "invalid", message: message, field: field)
        case .storeFailed(let reason):
            self.init(.serviceUnavailable, code: "store_failed", message: "the change could not be stored; nothing changed")
            detail = reason
        }
    }
}
