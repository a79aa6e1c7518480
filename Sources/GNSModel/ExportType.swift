/// The `type` of an export as the push API and the exports file name it.
public enum ExportType: String, Hashable, Sendable, CaseIterable {
    case clusterSetIP
    case headless
}
