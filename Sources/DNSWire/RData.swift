internal import NIOCore

/// The typed RDATA of a resource record; types without a model stay opaque (RFC 3597).
public enum RData: Hashable, Sendable, CustomStringConvertible {
    case a(IPv4Address)
    case aaaa(IPv6Address)
    case ns(DomainName)
    case cname(DomainName)
    case ptr(DomainName)
    case soa(SOARecord)
    case mx(MXRecord)
    case txt(TXTRecord)
    case srv(SRVRecord)
    case caa(CAARecord)
    /// RDATA kept as bytes, for any type without a model here (and for OPT).
    case opaque(RecordType, [UInt8])

    /// The record type this RDATA belongs to.
    public var type: RecordType {
        switch self {
        case .a: .a
        case .aaaa: .aaaa
        case .ns: .ns
        case .cname: .cname
        case .ptr: .ptr
        case .soa: .soa
        case .mx: .mx
        case .txt: .txt
        case .srv: .srv
        case .caa: .caa
        case .opaque(let type, _): type
        }
    }

    /// The name this RDATA refers to, for the types whose targets get additional-section processing.
    public var targetName: DomainName? {
        switch self {
        case .ns(let name), .cname(let name), .ptr(let name): name
        case .mx(let mx): mx.exchange
        case .srv(let srv): srv.target
        default: nil
        }
    }

    /// Zone-file (presentation) form; opaque data uses the RFC 3597 `\# length hex` form.
    public var description: String {
        switch self {
        case .a(let address): address.description
        case .aaaa(let address): address.description
        case .ns(let name), .cname(let name), .ptr(let name): name.description
        case .soa(let soa): soa.description
        case .mx(let mx): mx.description
        case .txt(let txt): txt.description
        case .srv(let srv): srv.description
        case .caa(let caa): caa.description
        case .opaque(_, let bytes):
            bytes.isEmpty ? "\\# 0" : "\\# \(bytes.count) " + bytes.map(Self.hexByte).joined()
        }
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}

/// RDATA that knows how to write itself into a message.
protocol RDataCodec {
    func write(to writer: inout MessageWriter)
}

extension RData {
    /// Reads `length` bytes of RDATA of `type`; names may point anywhere earlier in the message.
    static func read(
        type: RecordType, length: Int, from buffer: inout ByteBuffer, messageStart: Int
    ) throws(DNSWireError) -> RData {
        guard buffer.readableBytes >= length else { throw .truncated }
        let end = buffer.readerIndex + length
        let rdata: RData
        switch type {
        case .a:
            guard length == 4, let value = buffer.readInteger(as: UInt32.self) else { throw .badRData(type) }
            rdata = .a(IPv4Address(value: value))
        case .aaaa:
            guard length == 16, let bytes = buffer.readBytes(length: 16), let address = IPv6Address(octets: bytes) else {
                throw .badRData(type)
            }
            rdata = .aaaa(address)
        case .ns: rdata = .ns(try buffer.readDomainName(messageStart: messageStart))
        case .cname: rdata = .cname(try buffer.readDomainName(messageStart: messageStart))
        case .ptr: rdata = .ptr(try buffer.readDomainName(messageStart: messageStart))
        case .soa: rdata = .soa(try SOARecord.read(from: &buffer, messageStart: messageStart))
        case .mx: rdata = .mx(try MXRecord.read(from: &buffer, messageStart: messageStart))
        case .srv: rdata = .srv(try SRVRecord.read(from: &buffer, messageStart: messageStart))
        case .txt: rdata = .txt(try TXTRecord.read(from: &buffer, length: length))
        case .caa: rdata = .caa(try CAARecord.read(from: &buffer, length: length))
        default:
            rdata = .opaque(type, buffer.readBytes(length: length) ?? [])
        }
        guard buffer.readerIndex == end else { throw .badRData(type) }
        return rdata
    }

    /// Writes the RDATA (without its length prefix).
    func write(to writer: inout MessageWriter) {
        switch self {
        case .a(let address): writer.buffer.writeInteger(address.value)
        case .aaaa(let address): writer.buffer.writeBytes(address.octets)
        case .ns(let name), .cname(let name), .ptr(let name): writer.writeName(name, compress: true)
        case .soa(let soa): soa.write(to: &writer)
        case .mx(let mx): mx.write(to: &writer)
        case .txt(let txt): txt.write(to: &writer)
        case .srv(let srv): srv.write(to: &writer)
        case .caa(let caa): caa.write(to: &writer)
        case .opaque(_, let bytes): writer.buffer.writeBytes(bytes)
        }
    }
}
