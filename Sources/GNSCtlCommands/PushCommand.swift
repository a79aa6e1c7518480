internal import ArgumentParser
import GNSClient
import GNSModel

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

    @Flag(help: "Mean every withdrawal in the snapshot: the withdrawal guard holds none and applies the cluster's held ones.")
    var intended = false

    func run() async throws {
        let snapshot = try SnapshotFile.load(file)
        try await root.options.show { client in
            let generation =
                if let generation = snapshot.generation {
                    generation
                } else {
                    try await nextGeneration(current: client.clusters().clusters.first { $0.id == cluster.name }?.generation)
                }
            return try await client.putSnapshot(
                cluster: cluster,
                SnapshotBody(generation: generation, cluster: snapshot.cluster, exports: snapshot.exports, intended: intended ? true : nil))
        }
    }

    /// The generation after the cluster's `current` one (1 for a new cluster), or a failure when
    /// `current` is the highest there is.
    private func nextGeneration(current: UInt64?) throws -> UInt64 {
        guard let current else { return GenerationRange.lowest }
        guard let following = GenerationRange.after(current) else {
            throw CommandFailure(
                refusal: "cluster \(cluster) is at generation \(current), at or past the highest there is (\(GenerationRange.highest)); "
                    + "no snapshot can follow it: delete the cluster with gnsctl delete-cluster first")
        }
        return following
    }
}
