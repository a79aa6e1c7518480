internal import NIOCore

/// The EDNS(0) OPT pseudo-record of a message (RFC 6891 §6).
public struct EDNS: Hashable, Sendable {
    /// Smallest payload size a requester may advertise; lower values count as 512 (RFC 6891 §6.2.3).
    public static let minimumPayloadSize: UInt16 = 512
    private static let dnssecOKBit: UInt16 = 0x8000

    /// The requester's (or our) largest UDP payload.
    public var udpPayloadSize: UInt16
    /// The upper eight bits of the 12-bit response code.
    public var extendedRCode: UInt8
    public var version: UInt8
    /// The 16 flag bits of the TTL field; the top one is DO.
    public var flags: UInt16
    public var options: [EDNSOption]

    public init(
        udpPayloadSize: UInt16, extendedRCode: UInt8 = 0, version: UInt8 = 0, flags: UInt16 = 0,
        options: [EDNSOption] = []
    ) {
        self.udpPayloadSize = udpPayloadSize
        self.extendedRCode = extendedRCode
        self.version = version
        self.flags = flags
        self.options = options
    }

    /// The DNSSEC OK bit (RFC 3225).
    public var dnssecOK: Bool {
        get { flags & Self.dnssecOKBit != 0 }
        set { flags = newValue ? flags | Self.dnssecOKBit : flags & ~Self.dnssecOKBit }
    }

    /// The first option with `code`, if any.
    public func option(_ code: EDNSOption.Code) -> EDNSOption? {
        options.first { $0.code == code }
    }

    /// Bytes the OPT record takes in a message.
    public var encodedSize: Int { 11 + options.reduce(0) { $0 + 4 + $1.data.count } }

    /// Builds the EDNS view of an OPT record read from the additional section.
    init(record: ResourceRecord) throws(DNSWireError) {
        guard record.name.isRoot else { throw .misplacedOPT }
        guard case .opaque(_, let bytes) = record.rdata else { throw .badRData(.opt) }
        var buffer = ByteBuffer(bytes: bytes)
        var options: [EDNSOption] = []
        while buffer.readableBytes > 0 {
            guard let (code, length) = buffer.readMultipleIntegers(as: (UInt16, UInt16).self),
                let data = buffer.readBytes(length: Int(length))
            else { throw .badRData(.opt) }
            options.append(EDNSOption(code: EDNSOption.Code(rawValue: code), data: data))
        }
        self.init(
            udpPayloadSize: record.recordClass.rawValue, extendedRCode: UInt8(record.ttl >> 24),
            version: UInt8(record.ttl >> 16 & 0xFF), flags: UInt16(record.ttl & 0xFFFF), options: options)
    }

    /// Writes the OPT record.
    func write(to writer: inout MessageWriter) {
        let ttl = UInt32(extendedRCode) << 24 | UInt32(version) << 16 | UInt32(flags)
        let length = encodedSize - 11
        writer.buffer.writeMultipleIntegers(UInt8(0), RecordType.opt.rawValue, udpPayloadSize, ttl, UInt16(length))
        for option in options {
            writer.buffer.writeMultipleIntegers(option.code.rawValue, UInt16(option.data.count))
            writer.buffer.writeBytes(option.data)
        }
    }
}

/// One EDNS option: a code and its opaque data (RFC 6891 §6.1.2).
public struct EDNSOption: Hashable, Sendable {
    /// An EDNS option code from the IANA registry.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// Name server identifier (RFC 5001).
        public static let nsid = Code(rawValue: 3)
        /// Client subnet (RFC 7871).
        public static let clientSubnet = Code(rawValue: 8)
        /// DNS cookie (RFC 7873).
        public static let cookie = Code(rawValue: 10)
        /// Padding (RFC 7830).
        public static let padding = Code(rawValue: 12)
        /// Extended DNS error (RFC 8914).
        public static let extendedError = Code(rawValue: 15)
    }

    public var code: Code
    public var data: [UInt8]

    public init(code: Code, data: [UInt8]) {
        self.code = code
        self.data = data
    }
}
