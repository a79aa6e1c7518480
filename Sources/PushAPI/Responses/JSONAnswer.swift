import Hummingbird

/// A route's JSON answer: `body`, one of the API's schemas, encoded as it is.
struct JSONAnswer<Body: Encodable & Sendable>: ResponseEncodable {
    var body: Body

    init(_ body: Body) {
        self.body = body
    }

    /// Encodes the body's own members, unwrapped.
    func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
    }
}
