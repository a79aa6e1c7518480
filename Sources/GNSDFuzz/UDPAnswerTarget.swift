import Authority
import DNSWire
import EndpointTable
import NIOCore
import Synchronization

/// Answers a fuzzed datagram from a fuzzed client address the way a UDP worker does, through a
/// `DatagramAnswerer` with the smallest answer cache (kept from one input to the next, so its
/// generations turn over), three times so that the answer is admitted, stored, then copied;
/// through a rate-limited answerer whose buckets allow one response a second; and through the
/// responder's full path (`QueryResponder.respond`) over UDP and TCP. Each response must decode,
/// have QR set and the query's ID, and fit the size the query allows; the answerer and the full
/// path must agree on whether to answer, the response code and the flags.
///
/// Input: a selector byte (bit 0: IPv6 client, bit 1: the table after the change, the rest picks
/// the answer policy), the client address (4 or 16 bytes), then the datagram.
enum UDPAnswerTarget {
    /// The largest UDP payload the responders send, and the size of the answerer's buffer.
    static let maxUDPPayload = 1232
    static let tables = AnswerFixture.tables()
    /// Which of `tables` the answer sources read.
    static let tableIndex = Atomic<Int>(0)
    static let zones = ZoneSetPublisher(AnswerFixture.zoneSet())
    /// One responder per answer policy, without rate limiting.
    static let responders = [AnswerPolicy.localFirst, .roundRobin, .weighted].map { responder(policy: $0, rateLimit: nil) }
    /// One answerer per responder; only the fuzzing thread uses them. A budget of 0 gives the
    /// smallest cache.
    nonisolated(unsafe) static let answerers = responders.map { $0.makeDatagramAnswerer(cacheBudget: 0) }
    nonisolated(unsafe) static let rateLimitedAnswerer: DatagramAnswerer = {
        var rateLimit = RateLimitSettings()
        rateLimit.responsesPerSecond = 1
        rateLimit.nxdomainsPerSecond = 1
        rateLimit.errorsPerSecond = 1
        rateLimit.tableSize = 64
        return responder(policy: .localFirst, rateLimit: rateLimit).makeDatagramAnswerer(cacheBudget: 0)
    }()
    /// Exactly the largest payload, so writing past it is caught by the address sanitizer.
    nonisolated(unsafe) static let response = UnsafeMutableRawBufferPointer.allocate(byteCount: maxUDPPayload, alignment: 8)

    static func prepare() {
        _ = (answerers, rateLimitedAnswerer)
    }

    static func run(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first else { return }
        let addressEnd = 1 + (selector & 1 == 0 ? 4 : 16)
        guard input.count >= addressEnd else { return }
        let address = UnsafeRawBufferPointer(rebasing: input[1..<addressEnd])
        let query = UnsafeRawBufferPointer(rebasing: input[addressEnd...])
        tableIndex.store(Int(selector >> 1 & 1), ordering: .relaxed)
        let policy = Int(selector >> 2) % responders.count

        _ = answer(query, from: address, with: rateLimitedAnswerer)
        var copied: Message?
        for _ in 0..<3 {
            copied = answer(query, from: address, with: answerers[policy])
        }
        let client = try! SocketAddress(packedIPAddress: ByteBuffer(bytes: address), port: 5353)
        let full = responders[policy].respond(to: ByteBuffer(bytes: query), from: client, overTCP: false, allocator: ByteBufferAllocator())
        let overTCP = responders[policy].respond(to: ByteBuffer(bytes: query), from: client, overTCP: true, allocator: ByteBufferAllocator())
        expect(
            (copied == nil) == (full == nil),
            "the answerer \(copied == nil ? "drops" : "answers") a query the full path \(full == nil ? "drops" : "answers")")
        expect((overTCP == nil) == (full == nil), "UDP and TCP disagree on answering")
        guard let copied, let full, let overTCP else { return }

        let fullMessage = checkedResponse(full, to: query, limit: udpLimit(for: query), path: "full UDP path")
        checkedResponse(overTCP, to: query, limit: Message.maxSize, path: "TCP path")
        expect(
            copied.rcode == fullMessage.rcode && copied.header.flags == fullMessage.header.flags,
            "the answerer's rcode and flags \(copied.rcode) \(copied.header.flags) differ from the full path's \(fullMessage.rcode) \(fullMessage.header.flags)"
        )
    }

    /// A responder over the fixture's zones and the table `tableIndex` picks.
    private static func responder(policy: AnswerPolicy, rateLimit: RateLimitSettings?) -> QueryResponder {
        let answerSource = AnswerSource(
            zones: zones, table: { tables[tableIndex.load(ordering: .relaxed)] }, settings: AnswerFixture.settings(policy: policy), seed: 42)
        let settings = ResponderSettings(
            maxUDPPayload: maxUDPPayload, nsid: Array("fuzz".utf8), cookieSecret: Array(0..<16), rateLimit: rateLimit)
        return QueryResponder(answerSource: answerSource, settings: settings, now: { 1_700_000_000 })
    }

    /// `answerer`'s response to `query`, decoded after checking it; `nil` when it sends none.
    private static func answer(_ query: UnsafeRawBufferPointer, from address: UnsafeRawBufferPointer, with answerer: DatagramAnswerer) -> Message? {
        guard let length = answerer.respond(to: query, clientAddress: address, into: response) else { return nil }
        return checkedResponse(
            ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: response[..<length])), to: query, limit: udpLimit(for: query), path: "answerer")
    }

    /// The largest response the query allows over UDP: 512 bytes without EDNS (or when it does
    /// not decode), else its payload size within 512 and `maxUDPPayload`.
    private static func udpLimit(for query: UnsafeRawBufferPointer) -> Int {
        var buffer = ByteBuffer(bytes: query)
        guard let payloadSize = (try? buffer.readMessage())?.edns?.udpPayloadSize else { return 512 }
        return max(512, min(Int(payloadSize), maxUDPPayload))
    }

    /// The decoded `response`, after checking that it is a well-formed response to `query` within `limit` bytes.
    @discardableResult
    private static func checkedResponse(_ response: ByteBuffer, to query: UnsafeRawBufferPointer, limit: Int, path: String) -> Message {
        expect(response.readableBytes <= limit, "the \(path) sends \(response.readableBytes) bytes where \(limit) fit")
        var reader = response
        let message: Message
        do {
            message = try reader.readMessage()
        } catch {
            fatalError("the \(path)'s response does not decode: \(error)")
        }
        let queryID = UInt16(query[0]) << 8 | UInt16(query[1])
        expect(message.header.isResponse, "the \(path)'s response has QR clear")
        expect(message.header.id == queryID, "the \(path)'s response has ID \(message.header.id), the query \(queryID)")
        return message
    }
}
