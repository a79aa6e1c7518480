internal import ArgumentParser
import GNSModel

extension ClusterID {
    /// The cluster id `text`, or a usage error.
    static func parse(_ text: String) throws -> ClusterID {
        guard let id = ClusterID(text) else {
            throw ValidationError("must be a lower-case DNS label such as aws-west")
        }
        return id
    }
}
