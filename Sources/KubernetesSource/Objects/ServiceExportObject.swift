/// A `ServiceExport` (multicluster.x-k8s.io/v1alpha1): its presence exports the Service of the same namespace and name.
struct ServiceExportObject: KubernetesObject {
    var metadata: ObjectMeta
}
