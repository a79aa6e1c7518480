import DNSWire
import NIOCore

/// An AXFR or IXFR request as read from the wire.
struct TransferRequest {
    let header: Header
    let question: Question
    /// The zone asked for, in lowercase.
    let zone: DomainName
    /// For IXFR, the serial the secondary has (the SOA in the authority section).
    let clientSerial: UInt32?
    /// The request split at its TSIG record, when signed.
    let signed: SignedMessage?
    /// True when the request carries an OPT record of version 0, so a refusal may carry an
    /// extended error.
    let speaksEDNS: Bool

    /// Reads `query`; throws unless it is one AXFR question, or one IXFR question with the
    /// secondary's SOA for the zone in the authority section, class IN.
    init(_ query: ByteBuffer) throws(DNSWireError) {
        signed = try SignedMessage.read(query)
        var buffer = query
        let message = try buffer.readMessage()
        guard message.questions.count == 1, let question = message.questions.first, question.recordClass == .internet,
            message.answers.isEmpty
        else { throw .badRData(.axfr) }
        header = message.header
        self.question = question
        speaksEDNS = message.edns?.version == 0
        zone = question.name.lowercased()
        switch question.type {
        case .axfr:
            clientSerial = nil
        case .ixfr:
            guard message.authorities.count == 1, let soa = message.authorities.first, soa.name == zone, case .soa(let data) = soa.rdata
            else { throw .badRData(.ixfr) }
            clientSerial = data.serial
        default:
            throw .badRData(question.type)
        }
    }
}
