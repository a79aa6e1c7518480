import CLDNS
import DNSWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the records of a zone file, and of the files it includes, through libldns.
///
/// libldns parses every entry: multi-line records, escapes, relative names, `@`, omitted
/// owners and classes. This reader keeps the state libldns leaves to its caller (`$TTL`,
/// `$ORIGIN`, `$INCLUDE`, inherited TTLs), turns each record into uncompressed wire form for
/// ``ResourceRecord/init(wire:)`` and notes the line where it starts.
///
///     let entries = try LDNSRecordReader.read(file: "zones/acme.local.zone", origin: try DomainName("acme.local"))
struct LDNSRecordReader {
    /// How many files deep `$INCLUDE` may nest.
    static let maximumIncludeDepth = 8

    /// The default TTL handed to libldns. libldns gives it to records written without a TTL and
    /// does not otherwise tell them apart; the reader then puts in the TTL they inherit.
    private static let unwrittenTTL = UInt32.max

    /// What a file starts with; an included file gets a copy, so that nothing it changes
    /// leaks back into the including file.
    private struct Scope {
        /// The origin for relative names.
        var origin: DomainName
        /// The `$TTL` in force (RFC 2308 §4).
        var defaultTTL: UInt32?
        /// The last TTL written on a record, inherited while there is no `$TTL` (RFC 1035 §5.1).
        var lastTTL: UInt32?
    }

    private var entries: [ZoneFileEntry] = []

    /// The records of `path` and of the files it includes, in file order; relative names start
    /// out relative to `origin`.
    static func read(file path: String, origin: DomainName) throws(ZoneFileError) -> [ZoneFileEntry] {
        guard let canonical = canonicalPath(path) else {
            throw ZoneFileError(file: path, reason: "cannot open: \(lastSystemError())")
        }
        var reader = LDNSRecordReader()
        try reader.read(file: path, scope: Scope(origin: origin), includeChain: [canonical])
        return reader.entries
    }

    private mutating func read(file path: String, scope initialScope: Scope, includeChain: [String]) throws(ZoneFileError) {
        guard let stream = fopen(path, "r") else {
            throw ZoneFileError(file: path, reason: "cannot open: \(lastSystemError())")
        }
        defer { fclose(stream) }
        guard let bytes = Self.contents(of: stream) else {
            throw ZoneFileError(file: path, reason: "cannot read: \(lastSystemError())")
        }
        var lines = LineLocator(bytes: bytes)
        var scope = initialScope
        var origin = scope.origin.makeLDNSName()
        var previousOwner = scope.origin.makeLDNSName()
        defer {
            ldns_rdf_deep_free(origin)
            ldns_rdf_deep_free(previousOwner)
        }
        while feof(stream) == 0 {
            let start = ftell(stream)
            var record: UnsafeMutablePointer<ldns_rr>?
            var defaultTTL = Self.unwrittenTTL
            let status = ldns_rr_new_frm_fp(&record, stream, &defaultTTL, &origin, &previousOwner)
            defer { ldns_rr_free(record) }
            let end = ftell(stream)
            let location = ZoneFileLocation(file: path, line: lines.entryLine(endingAt: end))
            switch status {
            case LDNS_STATUS_OK:
                guard let record else { continue }
                let resourceRecord = try Self.resourceRecord(from: record, scope: &scope, at: location)
                entries.append(ZoneFileEntry(record: resourceRecord, location: location))
            case LDNS_STATUS_SYNTAX_EMPTY:
                continue
            case LDNS_STATUS_SYNTAX_TTL, LDNS_STATUS_SYNTAX_ORIGIN, LDNS_STATUS_SYNTAX_INCLUDE:
                let words = Self.directiveWords(in: stream, from: start, to: end)
                switch try ZoneFileDirective(words: words, origin: scope.origin, at: location) {
                case .ttl(let ttl):
                    scope.defaultTTL = ttl
                case .origin(let name):
                    scope.origin = name
                    ldns_rdf_deep_free(origin)
                    origin = name.makeLDNSName()
                case .include(let file, let includedOrigin):
                    var includedScope = scope
                    if let includedOrigin {
                        includedScope.origin = includedOrigin
                    }
                    try include(file, from: path, scope: includedScope, includeChain: includeChain, at: location)
                }
            default:
                throw location.error(String(cString: ldns_get_errorstr_by_id(status)))
            }
        }
    }

    /// Reads an included file; a relative path is relative to the including file's directory.
    private mutating func include(
        _ file: String, from includingPath: String, scope: Scope, includeChain: [String], at location: ZoneFileLocation
    ) throws(ZoneFileError) {
        let path: String
        if file.hasPrefix("/") {
            path = file
        } else if let slash = includingPath.lastIndex(of: "/") {
            path = String(includingPath[...slash]) + file
        } else {
            path = file
        }
        guard let canonical = Self.canonicalPath(path) else {
            throw location.error("cannot open included file \(path): \(lastSystemError())")
        }
        guard !includeChain.contains(canonical) else {
            throw location.error("$INCLUDE loop: \(path) is already being read")
        }
        guard includeChain.count < Self.maximumIncludeDepth else {
            throw location.error("$INCLUDE nested deeper than \(Self.maximumIncludeDepth) files")
        }
        try read(file: path, scope: scope, includeChain: includeChain + [canonical])
    }

    /// Gives a record written without a TTL the one it inherits, and decodes the record from its
    /// uncompressed wire form.
    private static func resourceRecord(
        from record: UnsafeMutablePointer<ldns_rr>, scope: inout Scope, at location: ZoneFileLocation
    ) throws(ZoneFileError) -> ResourceRecord {
        let writtenTTL = ldns_rr_ttl(record)
        if writtenTTL == unwrittenTTL {
            guard let ttl = scope.defaultTTL ?? scope.lastTTL else {
                throw location.error("no TTL: write one on the record or set $TTL before it")
            }
            ldns_rr_set_ttl(record, ttl)
        } else {
            scope.lastTTL = writtenTTL
        }
        var wire: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = ldns_rr2wire(&wire, record, Int32(LDNS_SECTION_ANSWER.rawValue), &size)
        defer { free(wire) }
        guard status == LDNS_STATUS_OK, let wire else {
            throw location.error(String(cString: ldns_get_errorstr_by_id(status)))
        }
        do {
            return try ResourceRecord(wire: Array(UnsafeBufferPointer(start: wire, count: size)))
        } catch {
            throw location.error("\(error)")
        }
    }

    /// The words of the entry between `start` and `end`, as the libldns tokenizer reads them:
    /// comments and parentheses removed. Leaves the stream at `end`.
    private static func directiveWords(in stream: UnsafeMutablePointer<FILE>, from start: Int, to end: Int) -> [String] {
        fseek(stream, start, SEEK_SET)
        var text: UnsafeMutablePointer<CChar>?
        var capacity = 0
        _ = ldns_fget_token_l_st(stream, &text, &capacity, false, LDNS_PARSE_SKIP_SPACE, nil)
        defer { free(text) }
        fseek(stream, end, SEEK_SET)
        guard let text else { return [] }
        return String(cString: text).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Every byte of the stream, which is then rewound; `nil` when reading fails.
    private static func contents(of stream: UnsafeMutablePointer<FILE>) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, stream)
            bytes += chunk[..<count]
            if count < chunk.count { break }
        }
        guard ferror(stream) == 0 else { return nil }
        rewind(stream)
        return bytes
    }

    /// The absolute path without symbolic links, which tells whether two includes name one file.
    private static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
