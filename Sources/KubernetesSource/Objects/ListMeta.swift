/// The `metadata` of a list, and of a watch bookmark's object.
struct ListMeta: Decodable, Sendable {
    var resourceVersion: String?
    var `continue`: String?
}
