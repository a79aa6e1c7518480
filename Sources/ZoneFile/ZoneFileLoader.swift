public import DNSWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads RFC 1035 zone files through libldns and checks each zone before handing it out.
///
/// A zone directory holds one `<origin>.zone` file per zone:
///
///     let zones = try ZoneFileLoader.loadDirectory("zones")
///     let acme = try ZoneFileLoader.load(file: "zones/acme.local.zone")
///
/// Every error names the file and, when it concerns one entry, the line where it starts.
public enum ZoneFileLoader {
    /// How a zone file's name ends; the part before it is the zone's origin.
    static let fileExtension = ".zone"

    /// Loads one zone file.
    ///
    /// - Parameters:
    ///   - path: The zone file.
    ///   - origin: The zone's apex; by default the file name without `.zone`
    ///     (`acme.local.zone` holds `acme.local.`).
    /// - Returns: The zone, its records in file order with identical records counted once.
    /// - Throws: ``ZoneFileError`` for a file that cannot be read, an entry libldns cannot parse,
    ///   or a zone that breaks a rule: class other than IN, a name outside the origin, no SOA
    ///   or more than one, an SOA off the apex, no NS at the apex, a CNAME beside other data or
    ///   another CNAME, different TTLs within one RRset.
    public static func load(file path: String, origin: DomainName? = nil) throws(ZoneFileError) -> Zone {
        let apex: DomainName
        if let origin {
            apex = origin
        } else {
            apex = try defaultOrigin(ofFile: path)
        }
        let entries = try LDNSRecordReader.read(file: path, origin: apex)
        return Zone(origin: apex, records: try ZoneValidator.validate(entries, origin: apex, file: path))
    }

    /// Loads every `*.zone` file of a directory, in file-name order; other files are ignored.
    ///
    /// - Throws: ``ZoneFileError`` for the first file that fails to load, for two files with the
    ///   same origin (names compare without regard to case), and for a directory that cannot be
    ///   read or holds no zone file.
    public static func loadDirectory(_ path: String) throws(ZoneFileError) -> [Zone] {
        let fileNames = try zoneFileNames(in: path)
        guard !fileNames.isEmpty else {
            throw ZoneFileError(file: path, reason: "no *\(fileExtension) files in the zone directory")
        }
        let directory = path.hasSuffix("/") ? path : path + "/"
        var files: [DomainName: String] = [:]
        var zones: [Zone] = []
        for fileName in fileNames {
            let file = directory + fileName
            let origin = try defaultOrigin(ofFile: file)
            if let earlier = files.updateValue(file, forKey: origin) {
                throw ZoneFileError(file: file, reason: "zone \(origin) is already loaded from \(earlier)")
            }
            zones.append(try load(file: file, origin: origin))
        }
        return zones
    }

    /// The origin a zone file's name gives: the name without the directory and `.zone`.
    private static func defaultOrigin(ofFile path: String) throws(ZoneFileError) -> DomainName {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let text = fileName.hasSuffix(fileExtension) ? String(fileName.dropLast(fileExtension.count)) : fileName
        guard !text.isEmpty else {
            throw ZoneFileError(file: path, reason: "the file name gives no origin")
        }
        do {
            return try DomainName(text)
        } catch {
            throw ZoneFileError(file: path, reason: "the file name gives no origin: \(error)")
        }
    }

    /// The names of the zone files in `directory`, sorted.
    private static func zoneFileNames(in directory: String) throws(ZoneFileError) -> [String] {
        guard let stream = opendir(directory) else {
            throw ZoneFileError(file: directory, reason: "cannot read the zone directory: \(lastSystemError())")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(fileExtension) {
                names.append(name)
            }
        }
        return names.sorted()
    }
}
