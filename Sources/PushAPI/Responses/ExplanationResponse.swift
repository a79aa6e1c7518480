import Authority
import Hummingbird

/// The body of `GET /v1/explain`: the answer source's ``Explanation`` as it encodes.
struct ExplanationResponse: ResponseEncodable {
    var explanation: Explanation

    /// Encodes the explanation's own members, unwrapped.
    func encode(to encoder: any Encoder) throws {
        try explanation.encode(to: encoder)
    }
}
