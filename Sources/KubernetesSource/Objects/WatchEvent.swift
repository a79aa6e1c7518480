/// One event of a watch stream, a JSON line such as `{"type":"ADDED","object":{…}}`.
enum WatchEvent<Object: KubernetesObject>: Decodable, Sendable, Equatable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// Only the object's `metadata.resourceVersion` is meaningful: the stream has progressed to it.
    case bookmark(resourceVersion: String)
    /// The server ended the watch with this status (410 when the resource version is too old).
    case error(StatusObject)

    private enum CodingKeys: String, CodingKey {
        case type, object
    }

    /// The object of a `BOOKMARK` event.
    private struct Bookmark: Decodable {
        var metadata: ListMeta
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": self = .added(try container.decode(Object.self, forKey: .object))
        case "MODIFIED": self = .modified(try container.decode(Object.self, forKey: .object))
        case "DELETED": self = .deleted(try container.decode(Object.self, forKey: .object))
        case "BOOKMARK":
            let bookmark = try container.decode(Bookmark.self, forKey: .object)
            self = .bookmark(resourceVersion: bookmark.metadata.resourceVersion ?? "")
        case "ERROR": self = .error(try container.decode(StatusObject.self, forKey: .object))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown watch event type \(type)")
        }
    }

    /// The resource version the stream has reached with this event, if it carries one.
    var resourceVersion: String? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object.metadata.resourceVersion
        case .bookmark(let version): version.isEmpty ? nil : version
        case .error: nil
        }
    }
}
