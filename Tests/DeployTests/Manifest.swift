import Foundation
import TestSupport
import Yams

/// One YAML document of a file under deploy/, such as a Kubernetes object, read with Yams.
struct Manifest {
    /// The file's path from the repository root.
    let file: String
    let object: [String: Any]

    /// The one YAML document of `file`, a path from the repository root.
    init(_ file: String) throws {
        guard let object = try Yams.load(yaml: Repository.read(file)) as? [String: Any] else {
            throw ManifestError(description: "\(file) is not a YAML mapping")
        }
        self.file = file
        self.object = object
    }

    /// Every document of a multi-document YAML `text`, such as kustomize's output.
    static func documents(of text: String, from file: String) throws -> [Manifest] {
        var sequence = try Yams.load_all(yaml: text)
        var documents: [Manifest] = []
        while let document = sequence.next() {
            guard let object = document as? [String: Any] else {
                throw ManifestError(description: "\(file): a document is not a YAML mapping")
            }
            documents.append(Manifest(file: file, object: object))
        }
        if let error = sequence.error {
            throw ManifestError(description: "\(file): \(error)")
        }
        return documents
    }

    private init(file: String, object: [String: Any]) {
        self.file = file
        self.object = object
    }

    /// The YAML files of a folder under deploy/ (a path from the repository root), sorted.
    static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Repository.path(folder))
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "\(folder)/\($0)" }
    }

    var kind: String { object["kind"] as? String ?? "" }
    var name: String { self["metadata.name"] as? String ?? "" }

    /// The value at a dotted path such as `spec.template.spec.containers.0.args`; numbers index lists.
    subscript(path: String) -> Any? {
        path.split(separator: ".").reduce(object as Any?) { value, key in
            if let index = Int(key), let list = value as? [Any] {
                return list.indices.contains(index) ? list[index] : nil
            }
            return (value as? [String: Any])?[String(key)]
        }
    }

    /// The entry `key` of a ConfigMap's data, such as `gnsd.yaml`.
    func data(_ key: String) throws -> String {
        guard let value = (object["data"] as? [String: Any])?[key] as? String else {
            throw ManifestError(description: "\(file): no data entry \(key)")
        }
        return value
    }

    /// The text at `path`, or an error naming the file and path.
    func text(_ path: String) throws -> String {
        guard let value = self[path] as? String else {
            throw ManifestError(description: "\(file): no text at \(path)")
        }
        return value
    }
}

/// A deploy/ file is not shaped as a test expects.
struct ManifestError: Error, CustomStringConvertible {
    var description: String
}
