import EndpointTable
import Foundation

@testable import KubernetesSource

/// Kubernetes objects as the API server returns them in list responses, and the ``ClusterObjects`` they make.
enum Fixtures {
    /// The objects of three list responses with these items (each JSON text).
    static func objects(serviceExports: [String] = [], services: [String] = [], endpointSlices: [String] = []) throws -> ClusterObjects {
        var objects = ClusterObjects()
        ResourceUpdate.replaced(try list(ServiceExportObject.self, serviceExports)).applied(to: &objects.serviceExports)
        ResourceUpdate.replaced(try list(ServiceObject.self, services)).applied(to: &objects.services)
        ResourceUpdate.replaced(try list(EndpointSliceObject.self, endpointSlices)).applied(to: &objects.endpointSlices)
        return objects
    }

    /// A list response with `items` at `resourceVersion`, as text.
    static func listBody(kind: String, resourceVersion: String, items: [String], continue token: String? = nil) -> String {
        let next = token.map { #","continue":"\#($0)""# } ?? ""
        return
            #"{"kind":"\#(kind)","apiVersion":"v1","metadata":{"resourceVersion":"\#(resourceVersion)"\#(next)},"items":[\#(items.joined(separator: ","))]}"#
    }

    private static func list<Object: KubernetesObject>(_ type: Object.Type, _ items: [String]) throws -> [Object] {
        let body = listBody(kind: "List", resourceVersion: "1", items: items)
        return try JSONDecoder().decode(ObjectList<Object>.self, from: Data(body.utf8)).items
    }

    static func serviceExport(_ namespace: String, _ name: String, resourceVersion: String = "1") -> String {
        #"""
        {"apiVersion":"multicluster.x-k8s.io/v1alpha1","kind":"ServiceExport","metadata":{"name":"\#(name)","namespace":"\#(namespace)",
         "resourceVersion":"\#(resourceVersion)","uid":"0b6c5a0e-2f7e-4a39-9d1e-\#(name.count)","creationTimestamp":"2026-11-20T10:00:00Z"},
         "status":{"conditions":[{"type":"Valid","status":"True","lastTransitionTime":"2026-11-20T10:00:01Z"}]}}
        """#
    }

    /// A ClusterIP Service with the IPs and `ports` (JSON array text).
    static func clusterIPService(_ namespace: String, _ name: String, ips: [String], ports: String, resourceVersion: String = "1") -> String {
        let list = ips.map { #""\#($0)""# }.joined(separator: ",")
        return #"""
            {"metadata":{"name":"\#(name)","namespace":"\#(namespace)","resourceVersion":"\#(resourceVersion)","labels":{"app":"\#(name)"}},
             "spec":{"ports":\#(ports),"selector":{"app":"\#(name)"},"clusterIP":"\#(ips.first ?? "")","clusterIPs":[\#(list)],"type":"ClusterIP",
              "sessionAffinity":"None","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster"},
             "status":{"loadBalancer":{}}}
            """#
    }

    /// A headless Service with `ports` (JSON array text).
    static func headlessService(_ namespace: String, _ name: String, ports: String) -> String {
        #"""
        {"metadata":{"name":"\#(name)","namespace":"\#(namespace)","resourceVersion":"1"},
         "spec":{"ports":\#(ports),"selector":{"app":"\#(name)"},"clusterIP":"None","clusterIPs":["None"],"type":"ClusterIP",
          "ipFamilies":["IPv4","IPv6"],"ipFamilyPolicy":"PreferDualStack"},"status":{"loadBalancer":{}}}
        """#
    }

    /// An EndpointSlice of `service` with `endpoints` and `ports` (JSON array text).
    static func endpointSlice(
        _ namespace: String, _ name: String, service: String, addressType: String = "IPv4", endpoints: String,
        ports: String = #"[{"name":"http","port":8080,"protocol":"TCP"}]"#, resourceVersion: String = "1"
    ) -> String {
        #"""
        {"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"\#(name)","namespace":"\#(namespace)",
         "resourceVersion":"\#(resourceVersion)","labels":{"endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io",
         "kubernetes.io/service-name":"\#(service)"}},
         "addressType":"\#(addressType)","endpoints":\#(endpoints),"ports":\#(ports)}
        """#
    }

    /// One entry of an EndpointSlice's `endpoints`, backed by pod `pod`.
    static func endpoint(_ addresses: [String], pod: String, ready: Bool? = true, hostname: String? = nil, zone: String? = nil) -> String {
        let readiness = ready.map { #""ready":\#($0),"serving":\#($0),"# } ?? ""
        let host = hostname.map { #","hostname":"\#($0)""# } ?? ""
        let zoneField = zone.map { #","zone":"\#($0)""# } ?? ""
        let list = addresses.map { #""\#($0)""# }.joined(separator: ",")
        return #"""
            {"addresses":[\#(list)],"conditions":{\#(readiness)"terminating":false}\#(host)\#(zoneField),"nodeName":"node-1",
             "targetRef":{"kind":"Pod","namespace":"default","name":"\#(pod)","uid":"5f0e2d3c-\#(pod)"}}
            """#
    }

    static func address(_ text: String) -> IPAddress {
        IPAddress(text)!
    }

    static func key(_ namespace: String, _ name: String) -> ServiceKey {
        ServiceKey(namespace: namespace, name: name)!
    }
}
