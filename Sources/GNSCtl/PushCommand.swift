internal import ArgumentParser
import EndpointTable
import GNSClient

/// `gnsctl push --cluster ID --file F`: replaces everything a cluster exports with a snapshot file.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Replace everything a cluster exports with the snapshot in a JSON or YAML file.",
        discussion: "The file holds the snapshot body of the push API; without a generation, gnsctl sends the cluster's current generation plus one.")

    @ParentCommand var root: GNSCtlCommand

    @Option(help: "The cluster id.", transform: ClusterID.parse)
    var cluster: ClusterID

    @Option(help: ArgumentHelp("The snapshot file, JSON or YAML.", valueName: "FILE"))
    var file: String

    func run() async throws {
        let snapshot = try SnapshotFile.load(file)
        try await root.options.show { client in
            let generation = if let generation = snapshot.generation {
                generation
            } else {
                try await client.clusters().clusters.first { $0.id == cluster.name }.map { $0.generation + 1 } ?? 1
            }
            return try await client.putSnapshot(
                cluster: cluster, SnapshotBody(generation: generation, cluster: snapshot.cluster, exports: snapshot.exports))
        }
    }
}
