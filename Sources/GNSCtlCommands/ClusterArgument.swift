internal import ArgumentParser
import GNSModel

/// The cluster id argument of the commands about one cluster.
struct ClusterArgument: ParsableArguments {
    @Argument(help: "The cluster id, such as aws-west.", transform: ClusterID.parse)
    var cluster: ClusterID
}
