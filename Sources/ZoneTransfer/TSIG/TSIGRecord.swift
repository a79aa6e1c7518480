import DNSWire
import NIOCore

/// The RDATA of a TSIG pseudo-record (RFC 8945 §4.2), and the parts of it a MAC covers.
struct TSIGRecord: Hashable {
    static let type = RecordType(rawValue: 250)

    var algorithm: DomainName
    /// Seconds since the epoch, 48 bits on the wire.
    var timeSigned: UInt64
    /// How many seconds either way the signing time may differ from the receiver's clock.
    var fudge: UInt16
    var mac: [UInt8]
    var originalID: UInt16
    var error: TSIGError
    var otherData: [UInt8]

    init(
        algorithm: DomainName, timeSigned: UInt64, fudge: UInt16, mac: [UInt8], originalID: UInt16, error: TSIGError,
        otherData: [UInt8] = []
    ) {
        self.algorithm = algorithm
        self.timeSigned = timeSigned
        self.fudge = fudge
        self.mac = mac
        self.originalID = originalID
        self.error = error
        self.otherData = otherData
    }

    /// Reads `length` bytes of TSIG RDATA from `buffer`, a message starting at `messageStart`.
    init(reading buffer: inout ByteBuffer, length: Int, messageStart: Int) throws(DNSWireError) {
        let end = buffer.readerIndex + length
        guard buffer.readableBytes >= length else { throw .truncated }
        algorithm = try buffer.readDomainName(messageStart: messageStart)
        guard let (high, low, fudge, macSize) = buffer.readMultipleIntegers(as: (UInt16, UInt32, UInt16, UInt16).self),
            let mac = buffer.readBytes(length: Int(macSize)),
            let (originalID, error, otherLength) = buffer.readMultipleIntegers(as: (UInt16, UInt16, UInt16).self),
            let otherData = buffer.readBytes(length: Int(otherLength)),
            buffer.readerIndex == end
        else { throw .badRData(Self.type) }
        timeSigned = UInt64(high) << 32 | UInt64(low)
        self.fudge = fudge
        self.mac = mac
        self.originalID = originalID
        self.error = TSIGError(rawValue: error)
        self.otherData = otherData
    }

    /// The whole record as it ends a message: owner `keyName`, class ANY, TTL 0, no compression.
    func wire(keyName: DomainName) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeDomainName(keyName)
        buffer.writeMultipleIntegers(Self.type.rawValue, RecordClass.any.rawValue, UInt32(0))
        let rdata = rdataWire
        buffer.writeInteger(UInt16(rdata.count))
        buffer.writeBytes(rdata)
        return Array(buffer.readableBytesView)
    }

    private var rdataWire: [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeDomainName(algorithm)
        buffer.writeBytes(timeWire)
        buffer.writeMultipleIntegers(fudge, UInt16(mac.count))
        buffer.writeBytes(mac)
        buffer.writeMultipleIntegers(originalID, error.rawValue, UInt16(otherData.count))
        buffer.writeBytes(otherData)
        return Array(buffer.readableBytesView)
    }

    /// The TSIG variables a MAC covers (RFC 8945 §4.3.3): names in canonical (lowercase) form.
    func variables(keyName: DomainName) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeDomainName(keyName.lowercased())
        buffer.writeMultipleIntegers(RecordClass.any.rawValue, UInt32(0))
        buffer.writeDomainName(algorithm.lowercased())
        buffer.writeBytes(timeWire)
        buffer.writeMultipleIntegers(fudge, error.rawValue, UInt16(otherData.count))
        buffer.writeBytes(otherData)
        return Array(buffer.readableBytesView)
    }

    /// The timers that a later message of a signed response covers instead (RFC 8945 §5.3.1).
    var timers: [UInt8] {
        timeWire + [UInt8(fudge >> 8), UInt8(fudge & 0xFF)]
    }

    private var timeWire: [UInt8] {
        (0..<6).reversed().map { UInt8(truncatingIfNeeded: timeSigned >> (8 * UInt64($0))) }
    }
}
