import CLDNS
import DNSWire

/// A `$TTL`, `$ORIGIN` or `$INCLUDE` entry (RFC 2308 §4, RFC 1035 §5.1).
///
/// libldns recognises these entries but keeps their arguments to itself, and takes every
/// `$ORIGIN` as absolute; the reader reads the words again with the libldns tokenizer and
/// interprets them here.
enum ZoneFileDirective {
    /// `$TTL <ttl>`: the TTL of records written without one.
    case ttl(UInt32)
    /// `$ORIGIN <name>`: the origin for relative names from here on.
    case origin(DomainName)
    /// `$INCLUDE <file> [<origin>]`: read `file` here, with `origin` or the current one.
    case include(file: String, origin: DomainName?)

    /// Interprets the words of a directive entry (the directive itself first, comments removed);
    /// names are relative to `origin`.
    init(words: [String], origin: DomainName, at location: ZoneFileLocation) throws(ZoneFileError) {
        let arguments = Array(words.dropFirst())
        switch (words.first, arguments.count) {
        case ("$TTL", 1):
            guard let ttl = Self.period(arguments[0]) else {
                throw location.error("invalid $TTL value \"\(arguments[0])\"")
            }
            self = .ttl(ttl)
        case ("$ORIGIN", 1):
            self = .origin(try Self.name(arguments[0], origin: origin, at: location))
        case ("$INCLUDE", 1):
            self = .include(file: arguments[0], origin: nil)
        case ("$INCLUDE", 2):
            self = .include(file: arguments[0], origin: try Self.name(arguments[1], origin: origin, at: location))
        case ("$TTL", _):
            throw location.error("$TTL takes one value")
        case ("$ORIGIN", _):
            throw location.error("$ORIGIN takes one domain name")
        case ("$INCLUDE", _):
            throw location.error("$INCLUDE takes a file name and an optional origin")
        default:
            throw location.error("unknown directive \"\(words.first ?? "")\"")
        }
    }

    /// A TTL in seconds, or with the units libldns knows (`1h30m`, `2d`).
    private static func period(_ text: String) -> UInt32? {
        guard let first = text.utf8.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return nil
        }
        return text.withCString { start in
            var end: UnsafePointer<CChar>? = start
            let value = ldns_str2period(start, &end)
            return end?.pointee == 0 ? value : nil
        }
    }

    private static func name(
        _ text: String, origin: DomainName, at location: ZoneFileLocation
    ) throws(ZoneFileError) -> DomainName {
        do {
            return try DomainName(zoneFileText: text, origin: origin)
        } catch {
            throw location.error("\(error)")
        }
    }
}
