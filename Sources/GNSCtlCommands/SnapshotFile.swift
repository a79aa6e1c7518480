import Foundation
import GNSClient
import Yams

/// A snapshot as `gnsctl push --file` reads it: the body of `PUT /v1/clusters/{id}/snapshot`
/// in JSON or YAML, where `generation` may be left out. Unknown members and `null` are refused
/// by the same body types gnsd decodes with, so a misspelled `ready` is not dropped on the way
/// and the endpoint pushed as ready.
struct SnapshotFile: Decodable {
    var generation: UInt64?
    var cluster: ClusterInfoBody?
    var exports: [ExportBody]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case generation, cluster, exports
    }

    /// Decodes the file, refusing unknown members, `null` and a generation out of range.
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        generation = try container.decodeUnlessAbsent(GenerationNumber.self, forKey: .generation)?.value
        cluster = try container.decodeUnlessAbsent(ClusterInfoBody.self, forKey: .cluster)
        exports = try container.decode([ExportBody].self, forKey: .exports)
    }

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
            throw CommandFailure(usage: "\(path): \(DecodingProblem.describe(error))")
        }
    }
}
