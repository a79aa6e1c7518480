public import Authority
import DNSWire
import Foundation
internal import NIOCore
public import ZoneTransfer

/// The `transfer:` section: zone transfers (AXFR, IXFR) to secondaries such as Knot, NSD, BIND or
/// CoreDNS's `secondary`, who may ask them, and whom gnsd NOTIFYs. Without `allow` rules every
/// transfer is refused.
public struct TransferSettings: Sendable, Equatable {
    /// TSIG keys (`keys`), written as Knot and BIND write them.
    public var keys: [TSIGKeySettings] = []
    /// Who may transfer (`allow`): a request needs one rule matching its address, key and zone.
    public var allow: [TransferAllowSettings] = []
    /// Secondaries to NOTIFY after each change (`notify`).
    public var notify: [NotifySettings] = []
    /// Milliseconds between two NOTIFY rounds of one zone, however often it changes
    /// (`notify-interval-ms`). Default 1000.
    public var notifyIntervalMilliseconds = 1000
    /// The most records of differences kept per zone for IXFR (`journal-records`); a secondary
    /// further behind gets the whole zone. Default 100000.
    public var journalRecords = 100_000

    public init() {}

    /// True when transfers or NOTIFYs are configured at all.
    var isEnabled: Bool { !allow.isEmpty || !notify.isEmpty }
}

/// A TSIG key (an entry of `transfer.keys`).
public struct TSIGKeySettings: Sendable, Equatable {
    /// The key name both sides configure (`name`, required), such as `gnsd-transfer`.
    public var name = ""
    /// `hmac-sha256` (default), `hmac-sha384` or `hmac-sha512` (`algorithm`).
    public var algorithm = TSIGAlgorithm.hmacSHA256
    /// The shared secret, base64 (`secret`, required), as `tsig-keygen` or `keymgr -t` print it.
    public var secret: [UInt8] = []

    public init() {}
}

/// One rule of `transfer.allow`.
public struct TransferAllowSettings: Sendable, Equatable {
    /// Source networks (`networks`); none means any address.
    public var networks: [IPNetwork] = []
    /// The key a request must be signed with (`key`, a name from `transfer.keys`); none lets unsigned requests through.
    public var key: String?
    /// The zones the rule covers (`zones`); none means every zone.
    public var zones: [String] = []

    public init() {}
}

/// One secondary of `transfer.notify`.
public struct NotifySettings: Sendable, Equatable {
    /// Where the secondary listens, `HOST:PORT` or `[v6]:PORT` (`address`, required).
    public var address: ListenAddress?
    /// The key NOTIFYs are signed with (`key`, a name from `transfer.keys`).
    public var key: String?
    /// The zones it follows (`zones`); none means every zone.
    public var zones: [String] = []

    public init() {}
}

extension TransferSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("keys", \.keys) { node throws(ConfigurationError) in try node.list { item throws(ConfigurationError) in try item.section() } },
            .init("allow", \.allow) { node throws(ConfigurationError) in try node.list { item throws(ConfigurationError) in try item.section() } },
            .init("notify", \.notify) { node throws(ConfigurationError) in try node.list { item throws(ConfigurationError) in try item.section() } },
            .init("notify-interval-ms", \.notifyIntervalMilliseconds, .integer(in: 10...3_600_000)),
            .init("journal-records", \.journalRecords, .integer(in: 0...100_000_000)),
        ]
    }
}

extension TSIGKeySettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("name", \.name, .domainName),
            .init("algorithm", \.algorithm, .choice),
            .init("secret", \.secret, .base64Secret),
        ]
    }
}

extension TransferAllowSettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("networks", \.networks) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.scalar(.cidr) }
            },
            .init("key", \.key, .domainName),
            .init("zones", \.zones) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.scalar(.domainName) }
            },
        ]
    }
}

extension NotifySettings: ConfigurationSection {
    static var fields: [ConfigurationField<Self>] {
        [
            .init("address", \.address, .listenAddress),
            .init("key", \.key, .domainName),
            .init("zones", \.zones) { node throws(ConfigurationError) in
                try node.list { item throws(ConfigurationError) in try item.scalar(.domainName) }
            },
        ]
    }
}

extension ConfigurationParser where Value == [UInt8] {
    /// A secret in base64, at least 16 bytes; the text is not echoed in errors.
    static var base64Secret: Self {
        Self { text throws(ConfigurationError) in
            guard let data = Data(base64Encoded: text), data.count >= 16 else {
                throw ConfigurationError(reason: "must be base64 of at least 16 bytes, as tsig-keygen prints it")
            }
            return Array(data)
        }
    }
}

extension TransferSettings {
    /// The keys by name, checked: each named once, with a secret.
    func tsigKeys() throws(ConfigurationError) -> [TSIGKey] {
        var keys: [TSIGKey] = []
        for (index, settings) in self.keys.enumerated() {
            let field = "transfer.keys[\(index)]"
            guard !settings.name.isEmpty, let name = try? DomainName(settings.name) else {
                throw ConfigurationError(key: "\(field).name", reason: "is required")
            }
            guard let key = TSIGKey(name: name, algorithm: settings.algorithm, secret: settings.secret) else {
                throw ConfigurationError(key: "\(field).secret", reason: "is required")
            }
            guard !keys.contains(where: { $0.name == key.name }) else {
                throw ConfigurationError(key: "\(field).name", reason: "key \(settings.name) is listed twice")
            }
            keys.append(key)
        }
        return keys
    }

    /// The `allow` rules, their keys checked against `keys`.
    func access(keys: [TSIGKey]) throws(ConfigurationError) -> TransferAccess {
        var rules: [TransferAccess.Rule] = []
        for (index, rule) in allow.enumerated() {
            let field = "transfer.allow[\(index)]"
            let key = try Self.key(named: rule.key, in: keys, field: "\(field).key")
            rules.append(TransferAccess.Rule(networks: rule.networks, key: key?.name, zones: try Self.zones(rule.zones)))
        }
        return TransferAccess(rules: rules)
    }

    /// The `notify` targets, their keys checked against `keys`.
    func notifyTargets(keys: [TSIGKey]) throws(ConfigurationError) -> [NotifyTarget] {
        var targets: [NotifyTarget] = []
        for (index, settings) in notify.enumerated() {
            let field = "transfer.notify[\(index)]"
            guard let address = settings.address, let socketAddress = try? SocketAddress(ipAddress: address.host, port: address.port) else {
                throw ConfigurationError(key: "\(field).address", reason: "is required")
            }
            let key = try Self.key(named: settings.key, in: keys, field: "\(field).key")
            targets.append(NotifyTarget(address: socketAddress, key: key, zones: try Self.zones(settings.zones)))
        }
        return targets
    }

    private static func key(named name: String?, in keys: [TSIGKey], field: String) throws(ConfigurationError) -> TSIGKey? {
        guard let name else { return nil }
        guard let key = keys.first(where: { (try? DomainName(name)) == $0.name }) else {
            throw ConfigurationError(key: field, reason: "names no key of transfer.keys: \(name)")
        }
        return key
    }

    private static func zones(_ names: [String]) throws(ConfigurationError) -> [DomainName] {
        var zones: [DomainName] = []
        for name in names {
            guard let zone = try? DomainName(name) else { throw ConfigurationError(reason: "expected a domain name, got \(name)") }
            zones.append(zone.lowercased())
        }
        return zones
    }
}
