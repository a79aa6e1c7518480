internal import EndpointTable

/// Which ports an SRV answer lists: those of one port name and protocol (`_<port>._<proto>`), or
/// every port (SRV at the service name itself, as CoreDNS answers).
enum PortSelection {
    case named(String, PortProtocol)
    case every

    func matches(_ port: ServicePort) -> Bool {
        switch self {
        case .named(let name, let portProtocol): port.name == name && port.portProtocol == portProtocol
        case .every: true
        }
    }
}
