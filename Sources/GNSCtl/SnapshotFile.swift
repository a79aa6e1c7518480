import Foundation
import GNSClient
import Yams

/// A snapshot as `gnsctl push --file` reads it: the body of `PUT /v1/clusters/{id}/snapshot`
/// in JSON or YAML, where `generation` may be left out.
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
            if text.first(where: { !$0.isWhitespace }) == "{" {
                return try JSONDecoder().decode(SnapshotFile.self, from: Data(text.utf8))
            }
            return try YAMLDecoder().decode(SnapshotFile.self, from: text)
        } catch {
            throw CommandFailure(usage: "\(path): \(DecodingFailure.describe(error))")
        }
    }

}
