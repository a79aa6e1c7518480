internal import NIOCore

/// Start of authority RDATA (RFC 1035 §3.3.13).
public struct SOARecord: Hashable, Sendable, CustomStringConvertible {
    public var primaryServer: DomainName
    public var responsibleMailbox: DomainName
    public var serial: UInt32
    public var refresh: UInt32
    public var retry: UInt32
    public var expire: UInt32
    /// The negative-caching TTL cap (RFC 2308 §4).
    public var minimum: UInt32

    public init(
        primaryServer: DomainName, responsibleMailbox: DomainName, serial: UInt32, refresh: UInt32,
        retry: UInt32, expire: UInt32, minimum: UInt32
    ) {
        self.primaryServer = primaryServer
        self.responsibleMailbox = responsibleMailbox
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
    }

    public var description: String {
        "\(primaryServer) \(responsibleMailbox) \(serial) \(refresh) \(retry) \(expire) \(minimum)"
    }
}

extension SOARecord: RDataCodec {
    static func read(from buffer: inout ByteBuffer, messageStart: Int) throws(DNSWireError) -> SOARecord {
        let primary = try buffer.readDomainName(messageStart: messageStart)
        let mailbox = try buffer.readDomainName(messageStart: messageStart)
        guard
            let (serial, refresh, retry, expire, minimum) = buffer.readMultipleIntegers(
                as: (UInt32, UInt32, UInt32, UInt32, UInt32).self)
        else { throw .badRData(.soa) }
        return SOARecord(
            primaryServer: primary, responsibleMailbox: mailbox, serial: serial, refresh: refresh,
            retry: retry, expire: expire, minimum: minimum)
    }

    func write(to writer: inout MessageWriter) {
        writer.writeName(primaryServer, compress: true)
        writer.writeName(responsibleMailbox, compress: true)
        writer.markSOASerial()
        writer.buffer.writeMultipleIntegers(serial, refresh, retry, expire, minimum)
    }
}
