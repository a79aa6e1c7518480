internal import DNSWire
internal import NIOCore

/// A negative answer (NXDOMAIN, or NODATA) whose only record is the zone's SOA in the authority
/// section, encoded once for the zone apex and reused for any name under it: the question is
/// the query's own, and the SOA's compression pointers move by the difference between the
/// query's name length and the apex's. A random-subdomain flood is answered this way without
/// encoding a message per name.
///
/// The bytes equal the encoder's unless a name in the SOA shares more labels with the query's
/// name than the apex does (the encoder would point into the query's name instead);
/// ``serves(_:)`` tells.
///
///     let template = NegativeAnswerTemplate(soa: record, rcode: .nxDomain, authoritative: true)
///     if template?.serves(question.name) == true { template!.write(question: bytes, into: &message) }
struct NegativeAnswerTemplate {
    /// What makes two negative answers share their bytes beyond the question.
    struct Key: Hashable {
        let soa: ResourceRecord
        let rcode: ResponseCode
        let authoritative: Bool
    }

    private let header: [UInt8]
    /// The SOA record as encoded after the question `apex IN A`.
    private let authority: [UInt8]
    /// Where in `authority` the two-byte compression pointers lie.
    private let pointerOffsets: [Int]
    /// Where in `authority` the SOA serial lies.
    private let serialOffset: Int
    private let apex: DomainName
    private let rdataNames: [DomainName]

    /// The template for negative answers carrying `key.soa`, or `nil` when the record is not an
    /// SOA or its encoding is not one the template can move.
    init?(_ key: Key) {
        guard case .soa(let soa) = key.soa.rdata else { return nil }
        var message = Message(header: Header(id: 0))
        message.header.isResponse = true
        message.header.authoritativeAnswer = key.authoritative
        message.rcode = key.rcode
        message.questions = [Question(name: key.soa.name, type: .a, recordClass: .internet)]
        message.authorities = [key.soa]
        var encoded = ByteBuffer()
        guard !message.encode(into: &encoded, sizeLimit: Message.maxSize).truncated else { return nil }
        let bytes = Array(encoded.readableBytesView)
        let questionEnd = Header.size + key.soa.name.wire.count + 4
        guard bytes.count > questionEnd else { return nil }
        header = Array(bytes[..<Header.size])
        authority = Array(bytes[questionEnd...])
        apex = key.soa.name
        rdataNames = [soa.primaryServer, soa.responsibleMailbox]
        guard let layout = Self.layout(ofSOA: authority) else { return nil }
        (pointerOffsets, serialOffset) = layout
    }

    /// The length of the answer to a question of `questionLength` bytes (name, type, class).
    func length(questionLength: Int) -> Int {
        Header.size + questionLength + authority.count
    }

    /// Where the SOA serial lies in the answer to a question of `questionLength` bytes.
    func serialOffset(questionLength: Int) -> Int {
        Header.size + questionLength + serialOffset
    }

    /// True when the answer for `name` has the bytes the encoder would give: `name` lies under
    /// the apex, and neither name in the SOA's data shares a label beyond the apex with it.
    func serves(_ name: DomainName) -> Bool {
        guard name.isSubdomain(of: apex) else { return false }
        let shared = apex.labelCount + 1
        guard name.labelCount >= shared else { return true }
        let nameSuffix = name.suffix(labels: shared)
        return !rdataNames.contains { $0.labelCount >= shared && $0.suffix(labels: shared) == nameSuffix }
    }

    /// Writes the answer with ID 0 and the flags of the template, for `question` (the query's
    /// name, type and class as sent), into `message`, replacing what it held.
    func write(question: UnsafeRawBufferPointer, into message: inout [UInt8]) {
        message.removeAll(keepingCapacity: true)
        message.append(contentsOf: header)
        message.append(contentsOf: question)
        let start = message.count
        message.append(contentsOf: authority)
        let shift = question.count - (apex.wire.count + 4)
        for offset in pointerOffsets {
            let pointer = Int(authority[offset] & 0x3F) << 8 | Int(authority[offset + 1])
            let moved = pointer + shift
            message[start + offset] = 0xC0 | UInt8(moved >> 8)
            message[start + offset + 1] = UInt8(moved & 0xFF)
        }
    }

    /// The offsets of the compression pointers in an encoded SOA record (owner, then the two
    /// names of its data) and of its serial; `nil` when the bytes do not hold one whole record.
    private static func layout(ofSOA record: [UInt8]) -> (pointers: [Int], serial: Int)? {
        var offsets: [Int] = []
        var position = 0
        func skipName() -> Bool {
            while position < record.count {
                let length = Int(record[position])
                if length & 0xC0 == 0xC0 {
                    guard position + 2 <= record.count else { return false }
                    offsets.append(position)
                    position += 2
                    return true
                }
                position += 1 + length
                if length == 0 { return true }
            }
            return false
        }
        guard skipName() else { return nil }
        position += 10
        guard skipName(), skipName(), position + 20 == record.count else { return nil }
        return (offsets, position)
    }
}
