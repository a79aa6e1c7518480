public import KubernetesSource

extension KubernetesExportSource: ExportSource {}
