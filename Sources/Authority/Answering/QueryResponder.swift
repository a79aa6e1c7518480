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
    /// Largest response over UDP to a query without EDNS (RFC 1035 §4.2.1).
    static let classicUDPLimit = 512
    /// The type reported to observers for messages whose question could not be read.
    static let unreadType = RecordType(rawValue: 0)

    let answerSource: AnswerSource
    let settings: ResponderSettings
    let cookies: ServerCookie
    let observer: (any QueryObserver)?
    let now: @Sendable () -> UInt32

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

    /// The encoded response to `query`, or `nil` when none must be sent (shorter than a header, or QR set).
    public func respond(to query: ByteBuffer, from client: SocketAddress, overTCP: Bool, allocator: ByteBufferAllocator) -> ByteBuffer? {
        encodedResponse(to: query, clientAddress: client.addressBytes, overTCP: overTCP, start: observer == nil ? nil : ContinuousClock.now)
    }

    /// An answerer for one UDP worker thread, which encodes each distinct response once and
    /// copies it after that, keeping at most `cacheBudget` bytes of copies.
    public func makeDatagramAnswerer(cacheBudget: Int = DatagramAnswerer.defaultCacheBudget) -> DatagramAnswerer {
        DatagramAnswerer(responder: self, cacheBudget: cacheBudget)
    }

    /// Decodes, answers and encodes `query` from `clientAddress`, a dynamic answer in the order of
    /// `rotation`; reports to the observer with the time since `start`.
    func encodedResponse(
        to query: ByteBuffer, clientAddress: [UInt8], overTCP: Bool, rotation: AnswerSource.RotationStep = .next, start: ContinuousClock.Instant?
    ) -> ByteBuffer? {
        guard let (response, sizeLimit) = response(to: query, from: clientAddress, overTCP: overTCP, rotation: rotation) else { return nil }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(min(sizeLimit, 1232))
        response.encode(into: &buffer, sizeLimit: sizeLimit)
        if let observer, let start {
            observer.observe(type: response.questions.first?.type ?? Self.unreadType, rcode: response.rcode, duration: ContinuousClock.now - start)
        }
        return buffer
    }

    /// The response message and the size it must fit in; `nil` when no reply is due. `rotation`
    /// picks the order of a dynamic answer.
    func response(
        to bytes: ByteBuffer, from clientAddress: [UInt8], overTCP: Bool, rotation: AnswerSource.RotationStep = .next
    ) -> (Message, Int)? {
        guard let header = bytes.peekHeader(), !header.isResponse else { return nil }
        guard header.opcode == .query else { return (reply(to: header, rcode: .notImp), Self.classicUDPLimit) }
        guard header.questionCount == 1 else { return (reply(to: header, rcode: .formErr), Self.classicUDPLimit) }
        var buffer = bytes
        guard let query = try? buffer.readMessage(), let question = query.questions.first else {
            return (reply(to: header, rcode: .formErr), Self.classicUDPLimit)
        }
        var response = reply(to: header, rcode: .noError)
        response.questions = query.questions
        let sizeLimit = overTCP ? Message.maxSize : udpLimit(for: query.edns)
        guard let queryEDNS = query.edns else {
            answer(question, client: ClientContext(sourceAddress: clientAddress), rotation: rotation, into: &response)
            return (response, sizeLimit)
        }
        response.edns = EDNS(udpPayloadSize: UInt16(settings.maxUDPPayload), flags: queryEDNS.flags & 0x8000)
        guard queryEDNS.version == 0 else {
            response.rcode = .badVers
            return (response, sizeLimit)
        }
        if let cookie = queryEDNS.option(.cookie) {
            switch cookies.respond(to: cookie.data, clientAddress: clientAddress, timestamp: now()) {
            case .reply(let data): response.edns?.options.append(EDNSOption(code: .cookie, data: data))
            case .malformed:
                response.rcode = .formErr
                return (response, sizeLimit)
            }
        }
        if queryEDNS.option(.nsid) != nil, let nsid = settings.nsid {
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
        let tailored = answer(
            question, client: ClientContext(sourceAddress: clientAddress, clientSubnet: subnet), rotation: rotation, into: &response
        ).dependsOnClient
        if let subnet {
            let scope = tailored ? subnet.scopePrefixLength(overlapping: answerSource.placementNetworks.map(\.network)) : 0
            response.edns?.options.append(subnet.responseOption(scopePrefixLength: scope))
        }
        return (response, sizeLimit)
    }

    /// Fills the sections, rcode and AA bit for `question` from `state` (by default the current
    /// one); returns how the answer came about.
    @discardableResult
    func answer(
        _ question: Question, client: ClientContext, rotation: AnswerSource.RotationStep = .next, period: RotationPeriod? = nil,
        state: AnswerSource.State? = nil, into response: inout Message
    ) -> AnswerFacts {
        guard question.recordClass == .internet else {
            response.rcode = .refused
            return AnswerFacts()
        }
        guard question.type == .any || !question.type.isMetaType else {
            response.rcode = question.type == .opt ? .formErr : .notImp
            return AnswerFacts()
        }
        let lookup = answerSource.lookUp(
            question.name, type: question.type, client: client, rotation: rotation, period: period, state: state)
        let result = lookup.result
        let sections = result.sections
        response.rcode = result.rcode
        response.header.authoritativeAnswer = result.isAuthoritative
        response.answers = sections.answers
        response.authorities = sections.authorities
        response.additionals = sections.additionals
        return lookup.facts
    }

    /// The UDP size limit: 512 without EDNS, else the client's size within [512, maxUDPPayload].
    private func udpLimit(for edns: EDNS?) -> Int {
        Self.udpLimit(forPayloadSize: edns?.udpPayloadSize, maxUDPPayload: settings.maxUDPPayload)
    }

    /// The UDP size limit for a client that advertised `payloadSize` with EDNS, or none (`nil`),
    /// when gnsd caps payloads at `maxUDPPayload`.
    static func udpLimit(forPayloadSize payloadSize: UInt16?, maxUDPPayload: Int) -> Int {
        guard let payloadSize else { return classicUDPLimit }
        return max(classicUDPLimit, min(Int(payloadSize), maxUDPPayload))
    }

    /// An empty response to `header`: same ID and opcode, RD and CD copied, QR set.
    func reply(to header: Header, rcode: ResponseCode) -> Message {
        var response = Header(id: header.id)
        response.isResponse = true
        response.opcode = header.opcode
        response.recursionDesired = header.recursionDesired
        response.checkingDisabled = header.checkingDisabled
        var message = Message(header: response)
        message.rcode = rcode
        return message
    }
}
