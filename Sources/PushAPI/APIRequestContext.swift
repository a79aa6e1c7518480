public import Foundation
public import Hummingbird

/// The request context of the push API: Hummingbird's core context and the caller that
/// ``Authenticator`` established.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is calling; set on `/v1` routes, `nil` elsewhere.
    var caller: Caller?

    /// A context for one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    /// Encodes JSON with sorted keys, so equal responses are equal bytes.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
