import Foundation
import GNSClient
import Yams

/// A snapshot as `gnsctl push --file` reads it: the body of `PUT /v1/clusters/{id}/snapshot`
/// in JSON or YAML, where `generation` may be left out. Unknown members and `null` are refused,
/// as gnsd refuses them.
struct SnapshotFile: Decodable {
    var generation: UInt64?
    var cluster: ClusterInfoBody?
    var exports: [ExportBody]

    /// The snapshot in the file at `path`: JSON when it starts with `{`, YAML otherwise.
    static func load(_ path: String) throws(CommandFailure) -> SnapshotFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure(usage: "\(path): cannot read the file")
        }
        do {
            let isJSON = text.first(where: { !$0.isWhitespace }) == "{"
            let document: Any? = isJSON ? try JSONSerialization.jsonObject(with: Data(text.utf8)) : try Yams.load(yaml: text)
            if let document, let stray = strayMember(in: document, shape: shape) {
                throw CommandFailure(usage: "\(path): \(stray)")
            }
            if isJSON {
                return try JSONDecoder().decode(SnapshotFile.self, from: Data(text.utf8))
            }
            return try YAMLDecoder().decode(SnapshotFile.self, from: text)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(usage: "\(path): \(DecodingFailure.describe(error))")
        }
    }
}
