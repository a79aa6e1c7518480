import ServerTLS

/// The `dns.tls:` section: DNS over TLS (RFC 7858) on its own addresses, with its own
/// certificate or, when `certificate` and `key` are left out, the push API's (`api.tls`).
public struct DoTSettings: Sendable, Equatable {
    /// Addresses served over TLS (`listen`); required. Port 853 by convention.
    public var listen: [ListenAddress]
    /// The certificate chain, PEM (`certificate`); `nil` takes `api.tls.certificate`.
    public var certificate: String?
    /// Its private key, PEM (`key`); `nil` takes `api.tls.key`.
    public var key: String?

    /// No addresses yet, and the push API's certificate.
    public init() {
        listen = []
        certificate = nil
        key = nil
    }
}

extension DoTSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("listen", \.listen) { node throws(ConfigurationError) in
                try DNSSettings.checkedListen(node.list { item throws(ConfigurationError) in try item.scalar(.listenAddress) })
            },
            .init("certificate", \.certificate, .text()),
            .init("key", \.key, .text()),
        ]
    }
}

extension Configuration {
    /// The files DNS over TLS serves: its own, else the push API's (without its client CA:
    /// DNS clients present no certificate); `nil` without `dns.tls`.
    var dotFiles: TLSFiles? {
        guard let dot = dns.tls else { return nil }
        if let certificate = dot.certificate, let key = dot.key {
            return TLSFiles(certificate: certificate, key: key)
        }
        return api.tls.map { TLSFiles(certificate: $0.certificate, key: $0.key) }
    }
}
