import Foundation
internal import GNSModel

extension ServiceExportObject {
    /// The annotation listing the cluster id patterns that may resolve the export, comma-separated: `aws-*,gcp-east`.
    static let visibleToClustersAnnotation = "gnsd.io/visible-to-clusters"
    /// The annotation listing labels a cluster must all have to resolve the export, comma-separated: `env=prod,tier=gold`.
    static let visibleToLabelsAnnotation = "gnsd.io/visible-to-labels"

    /// The export's visibility from its annotations: `nil` (every cluster) without either. A
    /// malformed annotation is an error, so the export is skipped rather than shown to everyone.
    func visibility() throws(ExportJoin.Skip) -> ExportVisibility? {
        let annotations = metadata.annotations ?? [:]
        let clusterList = annotations[Self.visibleToClustersAnnotation]
        let labelList = annotations[Self.visibleToLabelsAnnotation]
        guard clusterList != nil || labelList != nil else { return nil }
        let clusters = Self.items(clusterList)
        for pattern in clusters where !ExportVisibility.isValidPattern(pattern) {
            throw ExportJoin.Skip(reason: "\(Self.visibleToClustersAnnotation): \(pattern.debugDescription) is not a cluster id pattern")
        }
        var labels: [String: String] = [:]
        for item in Self.items(labelList) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ExportJoin.Skip(reason: "\(Self.visibleToLabelsAnnotation): \(item.debugDescription) is not key=value")
            }
            labels[parts[0]] = parts[1]
        }
        guard clusters.count <= ExportVisibility.maxClusterPatterns, labels.count <= ExportVisibility.maxLabels else {
            throw ExportJoin.Skip(
                reason:
                    "visibility annotations list more than \(ExportVisibility.maxClusterPatterns) patterns or \(ExportVisibility.maxLabels) labels")
        }
        return ExportVisibility(clusters: clusters, labels: labels)
    }

    /// The non-empty comma-separated items of `list`, trimmed.
    private static func items(_ list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
