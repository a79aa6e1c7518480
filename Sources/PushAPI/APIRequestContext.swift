public import Hummingbird
import NIOCore

/// The request context of the push API: Hummingbird's core context and the caller that
/// ``Authenticator`` established.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is calling; set on `/v1` routes, `nil` elsewhere.
    var caller: Caller?
    /// The credential the caller showed, for the audit trail: `bearer token`,
    /// `client certificate spiffe://…`, both, or `no credential`.
    var credential = "no credential"
    /// The connection the request came on, whose TLS handler holds the client's certificate.
    let channel: any Channel

    /// A context for one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// Encodes JSON with sorted keys and a final newline (``APIResponseEncoder``).
    public var responseEncoder: APIResponseEncoder {
        APIResponseEncoder()
    }
}
