import Foundation
import Yams

/// The push API's OpenAPI document, read from the source tree.
struct OpenAPIDocument {
    /// Why the document could not be read as expected.
    struct Failure: Error, CustomStringConvertible {
        let description: String

        init(_ description: String) {
            self.description = description
        }
    }

    /// One operation: a method on a path, with its example request and expected response.
    struct Operation {
        let method: String
        let path: String
        let node: [String: Any]

        /// `METHOD /path`, as the router describes its routes.
        var key: String { "\(method.uppercased()) \(path)" }
    }

    static let methods: Set<String> = ["get", "put", "post", "patch", "delete", "head", "options"]

    let root: [String: Any]

    /// The document's file in the repository.
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Sources/PushAPI/openapi.yaml")

    init() throws {
        guard let root = try Yams.load(yaml: String(contentsOf: Self.file, encoding: .utf8)) as? [String: Any] else {
            throw Failure("the document is not a mapping")
        }
        self.root = root
    }

    /// Every operation the document describes.
    var operations: [Operation] {
        get throws {
            guard let paths = root["paths"] as? [String: Any] else { throw Failure("no paths") }
            return try paths.flatMap { path, item in
                guard let item = item as? [String: Any] else { throw Failure("path \(path) is not a mapping") }
                return item.compactMap { method, node -> Operation? in
                    guard Self.methods.contains(method), let node = node as? [String: Any] else { return nil }
                    return Operation(method: method, path: path, node: node)
                }
            }
        }
    }

    /// `node`, or what it refers to when it is a `$ref` into this document.
    func resolve(_ node: Any) throws -> Any {
        guard let reference = (node as? [String: Any])?["$ref"] as? String else { return node }
        guard reference.hasPrefix("#/") else { throw Failure("external reference \(reference)") }
        return try reference.dropFirst(2).split(separator: "/").reduce(root as Any) { node, key in
            guard let next = (node as? [String: Any])?[String(key)] else { throw Failure("dangling reference \(reference)") }
            return next
        }
    }

    /// The example of the path parameter `name`.
    private func parameterExample(_ name: String, in parameters: [[String: Any]]) throws -> String {
        guard let example = parameters.first(where: { $0["in"] as? String == "path" && $0["name"] as? String == name })?["example"] else {
            throw Failure("no example for path parameter \(name)")
        }
        return "\(example)"
    }

    /// `path` with each `{parameter}` replaced by its example, and a query of the query
    /// parameters that have examples.
    func exampleURI(of operation: Operation) throws -> String {
        var path = operation.path
        while let open = path.firstIndex(of: "{"), let close = path[open...].firstIndex(of: "}") {
            let name = String(path[path.index(after: open)..<close])
            path.replaceSubrange(open...close, with: try parameterExample(name, in: try parameters(of: operation)))
        }
        let query = try parameters(of: operation).compactMap { parameter -> String? in
            guard parameter["in"] as? String == "query", let name = parameter["name"] as? String, let example = parameter["example"] else {
                return nil
            }
            return "\(name)=\(example)"
        }
        return query.isEmpty ? path : "\(path)?\(query.joined(separator: "&"))"
    }

    /// The parameters of the operation and of its path, resolved.
    private func parameters(of operation: Operation) throws -> [[String: Any]] {
        let item = (root["paths"] as? [String: Any])?[operation.path] as? [String: Any]
        let parameters = ((item?["parameters"] as? [Any]) ?? []) + ((operation.node["parameters"] as? [Any]) ?? [])
        return try parameters.map { parameter in
            guard let resolved = try resolve(parameter) as? [String: Any] else { throw Failure("\(operation.key): a parameter is not a mapping") }
            return resolved
        }
    }

    /// The request the operation's examples make, and the response the document promises.
    func exampleCall(of operation: Operation) throws -> ExampleCall {
        ExampleCall(
            key: operation.key,
            method: operation.method.uppercased(),
            uri: try exampleURI(of: operation),
            body: try requestExample(of: operation),
            response: try successResponse(of: operation)
        )
    }

    /// The JSON request body example, if the operation takes a body.
    private func requestExample(of operation: Operation) throws -> JSONValue? {
        guard let body = operation.node["requestBody"] else { return nil }
        let content = (try resolve(body) as? [String: Any])?["content"] as? [String: Any]
        guard let example = (content?["application/json"] as? [String: Any])?["example"] else {
            throw Failure("\(operation.key): request body without an application/json example")
        }
        return try JSONValue(yaml: example)
    }

    /// The lowest documented success status, with its example body if it has one.
    private func successResponse(of operation: Operation) throws -> ExampleCall.Response {
        guard let responses = operation.node["responses"] as? [String: Any] else { throw Failure("\(operation.key): no responses") }
        let successes = responses.compactMap { key, value in Int(key).map { ($0, value) } }.filter { (200..<300).contains($0.0) }
        guard let (status, response) = successes.min(by: { $0.0 < $1.0 }) else {
            throw Failure("\(operation.key): no success response")
        }
        let content = (try resolve(response) as? [String: Any])?["content"] as? [String: Any]
        guard let (mediaType, media) = content?.first, let example = (media as? [String: Any])?["example"] else {
            return .init(status: status, body: .unspecified)
        }
        return .init(status: status, body: mediaType == "application/json" ? .json(try JSONValue(yaml: example)) : .text("\(example)"))
    }
}

/// One request built from an operation's examples, and the response it must get.
struct ExampleCall: Sendable {
    /// The status and body the document promises.
    struct Response: Sendable {
        enum Body: Sendable {
            case json(JSONValue)
            case text(String)
            case unspecified
        }

        let status: Int
        let body: Body
    }

    let key: String
    let method: String
    let uri: String
    let body: JSONValue?
    let response: Response
}
