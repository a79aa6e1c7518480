/// A meta/v1 `Status`: the body of an API error and the object of a watch `ERROR` event.
struct StatusObject: Decodable, Sendable, Equatable {
    var code: Int?
    var reason: String?
    var message: String?
}
