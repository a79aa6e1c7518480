internal import Authority
internal import DNSWire
public import Logging
public import NIOCore

/// Answers AXFR (RFC 5936) and IXFR (RFC 1995) requests over TCP and TLS from the
/// ``TransferJournal``: checks the TSIG signature (RFC 8945) and ``TransferAccess``, then packs
/// the zone or its differences into messages, each signed when the request was.
///
/// Refusals: an unreadable request is FORMERR, a bad signature NOTAUTH with the TSIG error
/// (BADKEY, BADSIG, BADTIME), a transfer the access rules do not allow REFUSED (before gnsd says
/// whether it serves the zone), an allowed one of a zone gnsd does not serve NOTAUTH.
public struct ZoneTransferResponder: Sendable {
    /// `nil` when transfers are off: every request is refused.
    let journal: TransferJournal?
    let access: TransferAccess
    let verifier: TSIGVerifier
    let observer: (any TransferObserver)?
    /// Gets one line per transfer served (info) or refused (debug: refusals can come from anyone).
    let logger: Logger
    /// Seconds since the epoch, for TSIG times.
    let now: @Sendable () -> UInt64

    public init(
        journal: TransferJournal?, access: TransferAccess, keys: [TSIGKey], observer: (any TransferObserver)? = nil,
        logger: Logger = Logger(label: "gnsd"), now: @escaping @Sendable () -> UInt64
    ) {
        self.journal = journal
        self.access = access
        self.verifier = TSIGVerifier(keys: keys)
        self.observer = observer
        self.logger = logger
        self.now = now
    }

    /// True when `query` is a query asking AXFR or IXFR, which ``respond(to:from:)`` answers;
    /// reads only the header and the question's type.
    public static func isTransferRequest(_ query: ByteBuffer) -> Bool {
        guard let header = query.peekHeader(), !header.isResponse, header.opcode == .query, header.questionCount == 1 else { return false }
        var buffer = query
        let start = buffer.readerIndex
        buffer.moveReaderIndex(forwardBy: Header.size)
        guard let question = try? buffer.readQuestion(messageStart: start) else { return false }
        return question.type == .axfr || question.type == .ixfr
    }

    /// The response messages to the transfer request `query` from `address` (4 or 16 bytes).
    public func respond(to query: ByteBuffer, from address: [UInt8]) -> [ByteBuffer] {
        let request: TransferRequest
        do {
            request = try TransferRequest(query)
        } catch {
            guard let header = query.peekHeader() else { return [] }
            return finish(refusal(header, nil, .formErr), zone: nil, peer: Self.describe(address), outcome: .malformed)
        }
        var signer: TSIGSigner?
        var peer = Self.describe(address)
        if let signed = request.signed {
            peer = signed.keyName.description
            switch verifier.verify(signed, now: now()) {
            case .valid(let key, let mac):
                signer = TSIGSigner(key: key, requestMAC: mac)
            case .invalid(let error, let key, let requestMAC):
                return finish(
                    signatureRefusal(request.header, request.question, signed: signed, error: error, key: key, requestMAC: requestMAC),
                    zone: request.zone, peer: peer, outcome: .badSignature)
            }
        }
        guard let journal, access.allows(request.zone, from: address, key: signer?.key.name) else {
            return finish(sign(refusal(request, .refused), with: &signer), zone: request.zone, peer: peer, outcome: .refused)
        }
        guard let plan = journal.plan(for: request.zone, from: request.clientSerial) else {
            return finish(
                sign(refusal(request, .notAuth), with: &signer), zone: request.zone, peer: peer, outcome: .notAuthoritative)
        }
        let (records, outcome) = Self.records(of: plan)
        var messages = TransferMessages.messages(answering: request.header, question: request.question, records: records)
        if signer != nil {
            for index in messages.indices {
                messages[index] = sign(messages[index], with: &signer)
            }
        }
        return finish(messages, zone: request.zone, peer: peer, outcome: outcome)
    }

    /// True when `message` may carry a TSIG record: it has additional records and ends as a TSIG
    /// record does (its original ID, error 0, no other data). Cheap enough for every query;
    /// ``signedResponse(to:from:answer:)`` reads the message to be sure.
    public static func mayBeSigned(_ message: UnsafeRawBufferPointer) -> Bool {
        let count = message.count
        guard count >= Header.size + 6, message[10] != 0 || message[11] != 0 else { return false }
        return message[count - 6] == message[0] && message[count - 5] == message[1] && message[count - 4] == 0 && message[count - 3] == 0
            && message[count - 2] == 0 && message[count - 1] == 0
    }

    /// The signed response to a signed query that is no transfer, such as a secondary's SOA
    /// check: the signature checked, the query without its TSIG record answered by `answer`, the
    /// response signed (RFC 8945 §5.3). A bad signature gets NOTAUTH with the TSIG error. `nil`
    /// when `query` carries no TSIG record.
    public func signedResponse(to query: ByteBuffer, from address: [UInt8], answer: (ByteBuffer) -> ByteBuffer?) -> ByteBuffer? {
        guard let signed = try? SignedMessage.read(query) else { return nil }
        var buffer = query
        guard let message = try? buffer.readMessage() else { return nil }
        switch verifier.verify(signed, now: now()) {
        case .valid(let key, let mac):
            guard var response = answer(ByteBuffer(bytes: signed.unsigned)) else { return nil }
            var signer = TSIGSigner(key: key, requestMAC: mac)
            signer.sign(&response, time: now())
            return response
        case .invalid(let error, let key, let requestMAC):
            observer?.observeTransfer(
                zone: message.questions.first?.name, peer: signed.keyName.description, outcome: .badSignature, messages: 1, bytes: 0)
            return signatureRefusal(message.header, message.questions.first, signed: signed, error: error, key: key, requestMAC: requestMAC)
        }
    }

    /// The records answering a transfer the journal planned as `plan`, and how it was answered.
    private static func records(of plan: TransferJournal.Plan) -> ([ResourceRecord], TransferOutcome) {
        switch plan {
        case .upToDate(let soa):
            return ([soa], .upToDate)
        case .differences(let differences, let soa):
            return ([soa] + differences.flatMap(\.records) + [soa], .incremental)
        case .full(let records):
            return (records, .full)
        }
    }

    private func refusal(_ header: Header, _ question: Question?, _ rcode: ResponseCode, extendedError: ExtendedDNSError? = nil) -> ByteBuffer {
        var response = Message(replyingTo: header, rcode: rcode)
        response.questions = question.map { [$0] } ?? []
        if let extendedError {
            response.edns = EDNS(udpPayloadSize: Self.advertisedPayloadSize, options: [extendedError.option])
        }
        var buffer = ByteBuffer()
        response.encode(into: &buffer)
        return buffer
    }

    /// The refusal of a well-formed request: REFUSED by the access rules (Prohibited) or NOTAUTH
    /// for a zone gnsd does not serve (Not Authoritative), with the extended error when the
    /// request speaks EDNS (RFC 8914).
    private func refusal(_ request: TransferRequest, _ rcode: ResponseCode) -> ByteBuffer {
        let extendedError = ExtendedDNSError(rcode == .refused ? .prohibited : .notAuthoritative)
        return refusal(request.header, request.question, rcode, extendedError: request.speaksEDNS ? extendedError : nil)
    }

    /// The UDP payload size a refusal's OPT record advertises; transfers run over TCP, where it means nothing.
    private static let advertisedPayloadSize: UInt16 = 1232

    /// The NOTAUTH answer to a request whose signature failed (RFC 8945 §5.2): unsigned with the
    /// error for BADKEY and BADSIG, signed with the server's time for BADTIME.
    private func signatureRefusal(
        _ header: Header, _ question: Question?, signed: SignedMessage, error: TSIGError, key: TSIGKey?, requestMAC: [UInt8]?
    ) -> ByteBuffer {
        var response = refusal(header, question, .notAuth)
        let time = now()
        if let key, let requestMAC {
            var signer = TSIGSigner(key: key, requestMAC: requestMAC)
            let serverTime = (0..<6).reversed().map { UInt8(truncatingIfNeeded: time >> (8 * UInt64($0))) }
            signer.sign(&response, time: time, error: error, otherData: serverTime)
            return response
        }
        let record = TSIGRecord(
            algorithm: signed.record.algorithm, timeSigned: signed.record.timeSigned, fudge: signed.record.fudge, mac: [],
            originalID: header.id, error: error)
        response.writeBytes(record.wire(keyName: signed.keyName))
        response.setInteger(UInt16(1), at: response.readerIndex + 10)
        return response
    }

    private func sign(_ message: ByteBuffer, with signer: inout TSIGSigner?) -> ByteBuffer {
        var message = message
        signer?.sign(&message, time: now())
        return message
    }

    private func finish(_ messages: ByteBuffer, zone: DomainName?, peer: String, outcome: TransferOutcome) -> [ByteBuffer] {
        finish([messages], zone: zone, peer: peer, outcome: outcome)
    }

    private func finish(_ messages: [ByteBuffer], zone: DomainName?, peer: String, outcome: TransferOutcome) -> [ByteBuffer] {
        let bytes = messages.reduce(0) { $0 + $1.readableBytes }
        observer?.observeTransfer(zone: zone, peer: peer, outcome: outcome, messages: messages.count, bytes: bytes)
        let metadata: Logger.Metadata = [
            "zone": "\(zone?.description ?? "unreadable")", "peer": "\(peer)", "outcome": "\(outcome.rawValue)",
            "messages": "\(messages.count)", "bytes": "\(bytes)",
        ]
        switch outcome {
        case .full, .incremental, .upToDate: logger.info("zone transfer served", metadata: metadata)
        case .refused, .badSignature, .notAuthoritative, .malformed: logger.debug("zone transfer refused", metadata: metadata)
        }
        return messages
    }

    /// An address as logs and metrics show it.
    static func describe(_ address: [UInt8]) -> String {
        switch address.count {
        case 4: IPv4Address(octets: address)?.description ?? "unknown"
        case 16: IPv6Address(octets: address)?.description ?? "unknown"
        default: "unknown"
        }
    }
}
