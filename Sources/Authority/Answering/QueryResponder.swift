internal import DNSWire
internal import EndpointTable
public import NIOCore

/// Turns query bytes into response bytes: gates the header, decodes, answers through the
/// ``AnswerSource`` (zone files and endpoint table), applies EDNS (size, NSID, COOKIE, Client Subnet)
/// and encodes within the transport's size limit.
///
/// Pure apart from the clock: no I/O, no locks; transports call it for every message.
///
///     let responder = QueryResponder(answerSource: answerSource, settings: settings, observer: metrics) { unixTime() }
public struct QueryResponder: Sendable {
    /// The type reported to observers for messages whose question could not be read.
    static let unreadType = RecordType(rawValue: 0)

    let answerSource: AnswerSource
    let settings: ResponderSettings
    let cookies: ServerCookie
    let observer: (any QueryObserver)?
    let now: @Sendable () -> UInt32
    /// How the UDP workers' answer copies serve, for the metrics.
    public let answerCopyStatistics = AnswerCopyStatistics()

    /// - Parameters:
    ///   - observer: sees every response, for metrics; timing is measured only when one is set.
    ///   - now: seconds since the epoch, for server cookies.
    public init(
        answerSource: AnswerSource, settings: ResponderSettings, observer: (any QueryObserver)? = nil,
        now: @escaping @Sendable () -> UInt32
    ) {
        self.answerSource = answerSource
        self.settings = settings
        self.cookies = ServerCookie(secret: settings.cookieSecret)
        self.observer = observer
        self.now = now
    }

    /// The encoded response to `query`, or `nil` when none must be sent (shorter than a header, or
    /// QR set). Over an `encrypted` transport (DNS over TLS) a query with the EDNS padding option
    /// gets a response padded to a multiple of ``paddingBlock`` bytes (RFC 8467).
    public func respond(
        to query: ByteBuffer, from client: SocketAddress, overTCP: Bool, encrypted: Bool = false, allocator: ByteBufferAllocator
    ) -> ByteBuffer? {
        encodedResponse(
            to: query, clientAddress: client.addressBytes, overTCP: overTCP, encrypted: encrypted, start: observer == nil ? nil : ContinuousClock.now)
    }

    /// ``respond(to:from:overTCP:encrypted:allocator:)`` for a client known by its address bytes
    /// (4 or 16), as a UDP worker knows it.
    public func respond(to query: ByteBuffer, clientAddress: [UInt8], overTCP: Bool) -> ByteBuffer? {
        encodedResponse(to: query, clientAddress: clientAddress, overTCP: overTCP, start: observer == nil ? nil : ContinuousClock.now)
    }

    /// Answers `question` on both paths: class CHAOS from the server identity, the rest from the
    /// answer source (from `state`, by default the current one).
    @discardableResult
    func answer(
        _ question: Question, client: ClientContext, rotation: AnswerSource.RotationStep, period: RotationPeriod? = nil,
        state: AnswerSource.State? = nil, into response: inout Message
    ) -> AnswerFacts {
        guard question.recordClass == .chaos else {
            return answerSource.answer(question, client: client, rotation: rotation, period: period, state: state, into: &response)
        }
        return AnswerFacts(extendedError: settings.serverIdentity.answer(question, into: &response))
    }

    /// NOTIMP for an opcode gnsd does not implement: the ID, opcode and RD echoed, nothing else
    /// of a message whose other fields may mean something else under that opcode (RFC 6895 §2.2,
    /// as Knot answers); a query with an OPT record of version 0 gets one carrying Not
    /// Supported (RFC 8914).
    func notImplemented(_ bytes: ByteBuffer, header: Header) -> Message {
        var response = Message(replyingTo: header, rcode: .notImp)
        response.header.checkingDisabled = false
        var buffer = bytes
        if let edns = (try? buffer.readMessage())?.edns, edns.version == 0 {
            response.edns = EDNS(
                udpPayloadSize: UInt16(clamping: settings.maxUDPPayload), flags: edns.flags & 0x8000,
                options: [ExtendedDNSError(.notSupported).option])
        }
        return response
    }

    /// The block responses are padded to: 468 bytes, RFC 8467's recommended block length.
    public static let paddingBlock = 468

    /// An answerer for one UDP worker thread, which encodes each distinct response once and
    /// copies it after that, keeping at most `cacheBudget` bytes of copies (by default the
    /// settings' `answerCopyBytesPerWorker`).
    public func makeDatagramAnswerer(cacheBudget: Int? = nil) -> DatagramAnswerer {
        DatagramAnswerer(responder: self, cacheBudget: cacheBudget ?? settings.answerCopyBytesPerWorker)
    }

    /// Decodes, answers and encodes `query` from `clientAddress`, a dynamic answer in the order of
    /// `rotation`; reports to the observer with the time since `start`.
    func encodedResponse(
        to query: ByteBuffer, clientAddress: [UInt8], overTCP: Bool, encrypted: Bool = false, rotation: AnswerSource.RotationStep = .next,
        start: ContinuousClock.Instant?
    ) -> ByteBuffer? {
        guard
            case (var response, let sizeLimit)? = response(to: query, from: clientAddress, overTCP: overTCP, encrypted: encrypted, rotation: rotation)
        else { return nil }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(min(sizeLimit, 1232))
        response.encode(into: &buffer, sizeLimit: sizeLimit)
        if var edns = response.edns, edns.options.last?.code == .padding {
            let padding = (Self.paddingBlock - buffer.readableBytes % Self.paddingBlock) % Self.paddingBlock
            if padding > 0, buffer.readableBytes + padding <= sizeLimit {
                edns.options[edns.options.count - 1].data = [UInt8](repeating: 0, count: padding)
                response.edns = edns
                buffer.clear()
                response.encode(into: &buffer, sizeLimit: sizeLimit)
            }
        }
        if let observer, let start {
            observer.observe(
                type: response.questions.first?.type ?? Self.unreadType, rcode: response.rcode, duration: ContinuousClock.now - start,
                channel: QueryChannel(transport: encrypted ? .tls : overTCP ? .tcp : .udp, addressLength: clientAddress.count))
        }
        return buffer
    }

    /// The response message and the size it must fit in; `nil` when no reply is due. `rotation`
    /// picks the order of a dynamic answer. Over an `encrypted` transport, a query with the EDNS
    /// padding option gets an empty padding option last, which the encoder sizes.
    func response(
        to bytes: ByteBuffer, from clientAddress: [UInt8], overTCP: Bool, encrypted: Bool = false, rotation: AnswerSource.RotationStep = .next
    ) -> (Message, Int)? {
        guard let header = bytes.peekHeader(), !header.isResponse else { return nil }
        guard header.opcode == .query else { return (notImplemented(bytes, header: header), EDNSReply.classicUDPLimit) }
        guard header.questionCount == 1 else { return (Message(replyingTo: header, rcode: .formErr), EDNSReply.classicUDPLimit) }
        var buffer = bytes
        guard let query = try? buffer.readMessage(), let question = query.questions.first else {
            return (Message(replyingTo: header, rcode: .formErr), EDNSReply.classicUDPLimit)
        }
        var response = Message(replyingTo: header, rcode: .noError)
        response.questions = query.questions
        let ednsReply = EDNSReply(query: query.edns, maxUDPPayload: settings.maxUDPPayload, nsidLength: settings.nsid?.count)
        let sizeLimit = overTCP ? Message.maxSize : ednsReply.sizeLimit
        guard let queryEDNS = query.edns else {
            // Without an OPT record the response can carry no extended error.
            answer(question, client: ClientContext(sourceAddress: clientAddress), rotation: rotation, into: &response)
            return (response, sizeLimit)
        }
        response.edns = EDNS(udpPayloadSize: ednsReply.payloadSize, flags: ednsReply.flags)
        switch ednsReply.outcome {
        case .badVersion:
            response.rcode = .badVers
            return (response, sizeLimit)
        case .malformedCookie:
            response.rcode = .formErr
            return (response, sizeLimit)
        case .none, .answered:
            break
        }
        if ednsReply.carriesCookie, let cookie = queryEDNS.option(.cookie) {
            let data = cookies.reply(to: cookie.data, clientAddress: clientAddress, timestamp: now())
            response.edns?.options.append(EDNSOption(code: .cookie, data: data))
        }
        if ednsReply.carriesNSID, let nsid = settings.nsid {
            response.edns?.options.append(EDNSOption(code: .nsid, data: nsid))
        }
        var subnet: ClientSubnet?
        if let option = queryEDNS.option(.clientSubnet) {
            guard let parsed = ClientSubnet(optionData: option.data) else {
                response.rcode = .formErr
                return (response, sizeLimit)
            }
            subnet = parsed
        }
        let facts = answer(
            question, client: ClientContext(sourceAddress: clientAddress, clientSubnet: subnet), rotation: rotation, into: &response)
        if let subnet {
            let scope = facts.dependsOnClient ? subnet.scopePrefixLength(overlapping: answerSource.placementNetworks.map(\.network)) : 0
            response.edns?.options.append(subnet.responseOption(scopePrefixLength: scope))
        }
        if let extendedError = facts.extendedError {
            response.edns?.options.append(extendedError.option)
        }
        if encrypted, queryEDNS.option(.padding) != nil {
            response.edns?.options.append(EDNSOption(code: .padding, data: []))
        }
        return (response, sizeLimit)
    }
}
