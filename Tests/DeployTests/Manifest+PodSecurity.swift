extension Manifest {
    /// What the pod template of this Deployment or StatefulSet lacks of the locked-down shape
    /// (Pod Security "restricted" and more); empty when it has it all.
    var podSecurityProblems: [String] {
        var problems: [String] = []
        func require<Value: Equatable>(_ path: String, _ expected: Value, _ actual: Any?) {
            if actual as? Value != expected {
                problems.append("\(path) should be \(expected), is \(actual.map { "\($0)" } ?? "missing")")
            }
        }
        let pod = "spec.template.spec"
        require("\(pod).securityContext.runAsNonRoot", true, self["\(pod).securityContext.runAsNonRoot"])
        require("\(pod).securityContext.seccompProfile.type", "RuntimeDefault", self["\(pod).securityContext.seccompProfile.type"])
        let containers = self["\(pod).containers"] as? [Any] ?? []
        if containers.isEmpty {
            problems.append("\(pod).containers is empty")
        }
        for index in containers.indices {
            let container = "\(pod).containers.\(index)"
            require("\(container).securityContext.runAsNonRoot", true, self["\(container).securityContext.runAsNonRoot"])
            require("\(container).securityContext.readOnlyRootFilesystem", true, self["\(container).securityContext.readOnlyRootFilesystem"])
            require("\(container).securityContext.allowPrivilegeEscalation", false, self["\(container).securityContext.allowPrivilegeEscalation"])
            require("\(container).securityContext.capabilities.drop", ["ALL"], self["\(container).securityContext.capabilities.drop"])
            for quantity in ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"]
            where self["\(container).resources.\(quantity)"] as? String == nil {
                problems.append("\(container).resources.\(quantity) is missing")
            }
        }
        return problems
    }
}
