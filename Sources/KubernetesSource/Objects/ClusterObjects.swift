/// The objects of the three watched kinds, as last listed and watched: the input of ``ExportJoin``.
struct ClusterObjects: Sendable, Equatable {
    var serviceExports: [ObjectKey: ServiceExportObject] = [:]
    var services: [ObjectKey: ServiceObject] = [:]
    var endpointSlices: [ObjectKey: EndpointSliceObject] = [:]
}
