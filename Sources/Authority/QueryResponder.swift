internal import DNSWire
public import NIOCore

/// Turns query bytes into response bytes: gates the header, decodes, answers through the
/// ``Resolver`` (zone files and endpoint table), applies EDNS (size, NSID, COOKIE, Client Subnet)
/// and encodes within the transport's size limit.
///
/// Pure apart from the clock: no I/O, no locks; transports call it for every message.
///
///     let responder = QueryResponder(resolver: resolver, settings: settings, observer: metrics) { unixTime() }
public struct QueryResponder: Sendable {
    /// Largest response over UDP to a query without EDNS (RFC 1035 §4.2.1).
    static let classicUDPLimit = 512
    /// The type reported to observers for messages whose question could not be read.
    static let unreadType = RecordType(rawValue: 0)

    private let resolver: Resolver
    private let settings: ResponderSettings
    private let cookies: ServerCookie
    private let observer: (any QueryObserver)?
    private let now: @Sendable () -> UInt32

    /// - Parameters:
    ///   - observer: sees every response, for metrics; timing is measured only when one is set.
    ///   - now: seconds since the epoch, for server cookies.
    public init(
        resolver: Resolver, settings: ResponderSettings, observer: (any QueryObserver)? = nil,
        now: @escaping @Sendable () -> UInt32
    ) {
        self.resolver = resolver
        self.settings = settings
        self.cookies = ServerCookie(secret: settings.cookieSecret)
        self.observer = observer
        self.now = now
    }

    /// The encoded response to `query`, or `nil` when none must be sent (shorter than a header, or QR set).
    public func respond(to query: ByteBuffer, from client: SocketAddress, overTCP: Bool, allocator: ByteBufferAllocator) -> ByteBuffer? {
        let start = observer == nil ? nil : ContinuousClock.now
        guard let (response, sizeLimit) = response(to: query, from: client, overTCP: overTCP) else { return nil }
        var buffer = allocator.buffer(capacity: min(sizeLimit, 1232))
        response.encode(into: &buffer, sizeLimit: sizeLimit)
        if let observer, let start {
            observer.observe(type: response.questions.first?.type ?? Self.unreadType, rcode: response.rcode, duration: ContinuousClock.now - start)
        }
        return buffer
    }

    /// The response message and the size it must fit in; `nil` when no reply is due.
    func response(to bytes: ByteBuffer, from client: SocketAddress, overTCP: Bool) -> (Message, Int)? {
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
            answer(question, client: ClientContext(sourceAddress: client.addressBytes), into: &response)
            return (response, sizeLimit)
        }
        response.edns = EDNS(udpPayloadSize: UInt16(settings.maxUDPPayload), flags: queryEDNS.flags & 0x8000)
        guard queryEDNS.version == 0 else {
            response.rcode = .badVers
            return (response, sizeLimit)
        }
        if let cookie = queryEDNS.option(.cookie) {
            switch cookies.respond(to: cookie.data, client: client, timestamp: now()) {
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
        let tailored = answer(question, client: ClientContext(sourceAddress: client.addressBytes, clientSubnet: subnet), into: &response)
        if let subnet {
            response.edns?.options.append(subnet.responseOption(scopePrefixLength: tailored ? subnet.sourcePrefixLength : 0))
        }
        return (response, sizeLimit)
    }

    /// Fills the sections, rcode and AA bit for `question`; returns true when the answer was
    /// tailored to the client's address (the EDNS Client Subnet scope then covers the source prefix).
    @discardableResult
    private func answer(_ question: Question, client: ClientContext, into response: inout Message) -> Bool {
        guard question.recordClass == .internet else {
            response.rcode = .refused
            return false
        }
        guard question.type == .any || !question.type.isMetaType else {
            response.rcode = question.type == .opt ? .formErr : .notImp
            return false
        }
        let resolution = resolver.resolve(question.name, type: question.type, client: client)
        let result = resolution.result
        let sections = result.sections
        response.rcode = result.rcode
        response.header.authoritativeAnswer = result.isAuthoritative
        response.answers = sections.answers
        response.authorities = sections.authorities
        response.additionals = sections.additionals
        return resolution.dependsOnClient
    }

    /// The UDP size limit: 512 without EDNS, else the client's size within [512, maxUDPPayload].
    private func udpLimit(for edns: EDNS?) -> Int {
        guard let edns else { return Self.classicUDPLimit }
        return max(Self.classicUDPLimit, min(Int(edns.udpPayloadSize), settings.maxUDPPayload))
    }

    /// An empty response to `header`: same ID and opcode, RD and CD copied, QR set.
    private func reply(to header: Header, rcode: ResponseCode) -> Message {
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
