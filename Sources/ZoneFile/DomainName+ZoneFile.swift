import CLDNS
import DNSWire

extension DomainName {
    /// Parses a name written in a directive (`$ORIGIN`, `$INCLUDE`): absolute when it ends in an
    /// unescaped dot, otherwise relative to `origin`; `@` stands for `origin` (RFC 1035 §5.1).
    init(zoneFileText text: String, origin: DomainName) throws(DNSWireError) {
        if text == "@" {
            self = origin
        } else if ldns_dname_str_absolute(text) {
            try self.init(text)
        } else {
            let relative = try DomainName(text)
            try self.init(wire: relative.wire.dropLast() + origin.wire)
        }
    }

    /// A new libldns name with the same wire form, to be freed with `ldns_rdf_deep_free`.
    func makeLDNSName() -> UnsafeMutablePointer<ldns_rdf>? {
        wire.withUnsafeBytes { ldns_dname_new_frm_data(UInt16($0.count), $0.baseAddress) }
    }
}
