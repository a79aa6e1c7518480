internal import DNSWire
internal import EndpointTable
internal import NIOCore

/// Answers the UDP queries of one worker thread: each distinct response is encoded once through
/// the ``QueryResponder``, then copied with the query's ID, RD and CD bits, question case and a
/// dynamic zone's SOA serial patched in, and its OPT record written fresh (cookie, NSID). A copy
/// lives as long as the zone set, until a table change touches what it was built from, and
/// while the worker's ``AnswerCache`` budget keeps it (cold copies go first).
///
/// A negative answer with the zone's SOA alone is written from the zone's
/// ``NegativeAnswerTemplate`` and kept as a copy only for a name asked before, so a
/// random-subdomain flood costs a lookup per name and stores nothing. Any other answer is kept
/// while the cache admits it; one it does not admit, or one that follows a weighted shuffle, is
/// encoded for this query alone. Queries that are not ordinary (see `QueryView`), or carry an
/// EDNS Client Subnet, another EDNS version or a malformed cookie (the ``EDNSReply`` both paths
/// decide by), take the responder's full decode-and-encode path; all paths give the same bytes.
///
/// Not thread-safe: make one per thread with ``QueryResponder/makeDatagramAnswerer(cacheBudget:)``.
///
///     let length = answerer.respond(to: query, clientAddress: address, into: buffer)
public final class DatagramAnswerer {
    private static let recursionDesiredAndCheckingDisabled: UInt16 = 0x0110
    /// The copies one answerer keeps by default: room for the answers of 10,000 services (about
    /// 58,000 questions, 17 MiB) in each of its cache's two generations.
    public static let defaultCacheBudget = 40 << 20

    private let responder: QueryResponder
    /// The responder's parts the copy path uses, held directly so a query copies no responder.
    private let answerSource: AnswerSource
    private let observer: (any QueryObserver)?
    private let cookies: ServerCookie
    private let now: @Sendable () -> UInt32
    private let maxUDPPayload: Int
    private let matcher: NetworkMatcher
    private let nsid: [UInt8]?
    private var cache: AnswerCache
    private let counters: AnswerCopyCounters
    /// The zone set and table the cached copies were built from.
    private var state: AnswerSource.State?
    /// Response rate limiting of this worker's answers; `nil` when it is off.
    private let limiter: ResponseRateLimiter?
    /// The negative answers of the current zone set and table, by SOA, rcode and AA bit.
    private var negativeAnswers: [NegativeAnswerTemplate.Key: NegativeAnswerTemplate] = [:]
    /// Where a negative answer is put together before it is written like a stored copy.
    private var negativeAnswer: [UInt8] = []

    /// An answerer whose copies take at most `cacheBudget` bytes.
    init(responder: QueryResponder, cacheBudget: Int) {
        self.responder = responder
        self.cache = AnswerCache(budget: cacheBudget)
        self.counters = responder.answerCopyStatistics.makeCounters()
        self.answerSource = responder.answerSource
        self.observer = responder.observer
        self.cookies = responder.cookies
        self.now = responder.now
        self.maxUDPPayload = responder.settings.maxUDPPayload
        self.matcher = NetworkMatcher(responder.answerSource.placementNetworks.map(\.network))
        self.nsid = responder.settings.nsid
        self.limiter = responder.settings.rateLimit.map {
            ResponseRateLimiter(
                settings: $0, cookies: responder.cookies, cookieTime: responder.now, observer: responder.observer as? any RateLimitObserver)
        }
    }

    /// Writes the response to the UDP `query` from `clientAddress` (4 or 16 bytes) into
    /// `response`; returns its length, or `nil` when no reply is due or it would not fit (make
    /// `response` hold the largest UDP payload configured). With rate limiting on, a response
    /// over its rate is dropped (`nil`) or slipped: rewritten as its truncated form.
    public func respond(
        to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, into response: UnsafeMutableRawBufferPointer
    ) -> Int? {
        var questionNameHash: UInt64?
        guard let length = answer(to: query, clientAddress: clientAddress, into: response, questionNameHash: &questionNameHash) else {
            return nil
        }
        guard let limiter else { return length }
        return limiter.limit(response, length: length, query: query, clientAddress: clientAddress, questionNameHash: questionNameHash)
    }

    /// The response to `query` written into `response`, before rate limiting; its length or `nil`.
    /// `questionNameHash` gets the hash of the question name when the query was read in place, for
    /// the rate limiter to count an answer under without hashing the name again.
    private func answer(
        to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, into response: UnsafeMutableRawBufferPointer,
        questionNameHash: inout UInt64?
    ) -> Int? {
        let start = observer == nil ? nil : ContinuousClock.now
        guard let view = QueryView(query) else { return respondInFull(to: query, clientAddress: clientAddress, into: response, start: start) }
        let edns = EDNSReply(query: view.edns, maxUDPPayload: maxUDPPayload, nsidLength: nsid?.count)
        guard edns.outcome == .none || edns.outcome == .answered, !edns.hasClientSubnet else {
            return respondInFull(to: query, clientAddress: clientAddress, into: response, start: start)
        }
        let state = refreshState()
        let nameHash = view.nameHash(in: query)
        questionNameHash = nameHash
        let key = AnswerCache.Key(
            nameHash: nameHash, type: view.type, recordClass: view.recordClass,
            recordLimit: Int32(edns.sizeLimit - edns.optLength), carriesOPT: edns.outcome == .answered,
            placement: Int32(matcher.firstMatch(clientAddress) ?? -1))
        let target = CopyTarget(
            view: view, query: query, clientAddress: clientAddress, edns: edns, answerVersion: state.table.answerVersion, response: response)
        let length: Int?
        if let entry = cache.entry(for: key, query: view, message: query) {
            let counter = entry.period > 1 ? answerSource.nextRotation() : 0
            let step = Int(counter % UInt64(entry.period))
            if let stored = cache.variant(of: entry, step: step) {
                counters.countHit()
                length = writeStored(stored, to: target)
            } else {
                defer { counters.countMiss(evictions: cache.evictions, bytes: cache.usage) }
                guard
                    let encoded = encode(query, clientAddress: clientAddress, counter: counter, period: RotationPeriod(), key: key, state: state)
                else { return respondInFull(to: query, clientAddress: clientAddress, into: response, start: start, rotation: .fixed(counter)) }
                length = keep(encoded, in: entry, step: step, to: target)
            }
        } else {
            defer { counters.countMiss(evictions: cache.evictions, bytes: cache.usage) }
            let counter = answerSource.nextRotation()
            let period = RotationPeriod()
            guard let found = lookUp(query, clientAddress: clientAddress, rotation: .fixed(counter), period: period, state: state) else {
                return respondInFull(to: query, clientAddress: clientAddress, into: response, start: start, rotation: .fixed(counter))
            }
            // A negative answer from a template costs no encoding, so it is kept only for a name
            // asked before: a random-subdomain flood fills no cache, even before it first filled.
            let negative = negativeTemplate(for: found.response, name: found.question.name)
            let keepsCopy = negative == nil ? cache.admits(key) : cache.admitsOnSecondAsk(key)
            if keepsCopy, period.isRepeatable {
                let encoded =
                    negative.flatMap { fromTemplate($0, facts: found.facts, key: key, target: target, state: state) }
                    ?? encoded(found.response, facts: found.facts, key: key, state: state)
                let entry = cache.insert(key, query: view, message: query, period: period.length, dependency: encoded.dependency)
                length = keep(encoded, in: entry, step: Int(counter % UInt64(period.length)), to: target)
            } else {
                length = writeUncached(found.response, facts: found.facts, template: negative, key: key, to: target)
            }
        }
        guard let length else { return nil }
        if let observer, let start {
            let rcode = ResponseCode(rawValue: response.header(.flags) & 0x000F)
            observer.observe(
                type: RecordType(rawValue: view.type), rcode: rcode, duration: ContinuousClock.now - start,
                channel: QueryChannel(transport: .udp, addressLength: clientAddress.count))
        }
        return length
    }

    /// Stores `encoded` as `entry`'s variant for `step` when the cache has room, and writes the
    /// response from it; `nil` when it does not fit the target.
    private func keep(_ encoded: EncodedAnswer, in entry: AnswerCache.Entry?, step: Int, to target: CopyTarget) -> Int? {
        encoded.bytes.withUnsafeReadableBytes { bytes in
            encoded.extendedError.withUnsafeBytes { extendedError in
                if let entry, let stored = cache.store(bytes, serial: encoded.serial, extendedError: extendedError, for: entry, step: step) {
                    return writeStored(stored, to: target)
                }
                return write(bytes, serial: encoded.serial, extendedError: extendedError, to: target)
            }
        }
    }

    /// Writes `response`, which no copy is kept of: from `template` when one serves it, else
    /// encoded within the key's record limit; `nil` when it does not fit the target.
    private func writeUncached(
        _ response: Message, facts: AnswerFacts, template: NegativeAnswerTemplate?, key: AnswerCache.Key, to target: CopyTarget
    ) -> Int? {
        let recordLimit = Self.recordLimit(key, facts: facts)
        let extendedError = Self.extendedErrorData(key, facts: facts)
        return extendedError.withUnsafeBytes { extendedError in
            if let template, fillNegativeAnswer(from: template, for: target, recordLimit: recordLimit) {
                return negativeAnswer.withUnsafeBytes { write($0, serial: nil, extendedError: extendedError, to: target) }
            }
            var encoded = ByteBuffer()
            response.encode(into: &encoded, sizeLimit: recordLimit)
            return encoded.withUnsafeReadableBytes { write($0, serial: nil, extendedError: extendedError, to: target) }
        }
    }

    /// The bytes the records of an answer to `key` may take: the key's limit, less the room
    /// of the extended error (`facts`) its OPT record carries, as the full path reserves it.
    private static func recordLimit(_ key: AnswerCache.Key, facts: AnswerFacts) -> Int {
        Int(key.recordLimit) - (key.carriesOPT ? facts.extendedError?.optionLength ?? 0 : 0)
    }

    /// The data of the extended error an answer to `key` carries (per `facts`); empty for none.
    private static func extendedErrorData(_ key: AnswerCache.Key, facts: AnswerFacts) -> [UInt8] {
        key.carriesOPT ? facts.extendedError?.optionData ?? [] : []
    }

    /// The negative answer `template` gives the target's question, as a copy to keep; `nil`
    /// when it does not fit the key's record limit.
    private func fromTemplate(
        _ template: NegativeAnswerTemplate, facts: AnswerFacts, key: AnswerCache.Key, target: CopyTarget, state: AnswerSource.State
    ) -> EncodedAnswer? {
        guard fillNegativeAnswer(from: template, for: target, recordLimit: Self.recordLimit(key, facts: facts)) else { return nil }
        var encoded = EncodedAnswer(
            bytes: ByteBuffer(bytes: negativeAnswer), dependency: facts.dependency, extendedError: Self.extendedErrorData(key, facts: facts))
        guard facts.serialFollowsTable else { return encoded }
        let offset = template.serialOffset(questionLength: target.question.count)
        let serial = encoded.bytes.getInteger(at: offset, as: UInt32.self) ?? 0
        encoded.serial = AnswerCache.SerialSlot(offset: offset, serial: serial, atVersion: state.table.answerVersion)
        return encoded
    }

    /// Puts the negative answer `template` gives the target's question into `negativeAnswer`;
    /// false when it would not fit `recordLimit`.
    private func fillNegativeAnswer(from template: NegativeAnswerTemplate, for target: CopyTarget, recordLimit: Int) -> Bool {
        guard template.length(questionLength: target.question.count) <= recordLimit else { return false }
        template.write(question: target.question, into: &negativeAnswer)
        return true
    }

    /// The template for `response` to a question for `name`, when it is a negative answer with
    /// its zone's SOA alone that the template serves.
    private func negativeTemplate(for response: Message, name: DomainName) -> NegativeAnswerTemplate? {
        guard response.answers.isEmpty, response.additionals.isEmpty, response.authorities.count == 1,
            response.rcode == .nxDomain || response.rcode == .noError, response.authorities[0].type == .soa
        else { return nil }
        let key = NegativeAnswerTemplate.Key(
            soa: response.authorities[0], rcode: response.rcode, authoritative: response.header.authoritativeAnswer)
        let template: NegativeAnswerTemplate
        if let known = negativeAnswers[key] {
            template = known
        } else {
            guard let made = NegativeAnswerTemplate(key) else { return nil }
            negativeAnswers[key] = made
            template = made
        }
        return template.serves(name) ? template : nil
    }

    /// Writes the response from the stored `variant`; `nil` when it does not fit the target.
    private func writeStored(_ variant: AnswerCache.Variant, to target: CopyTarget) -> Int? {
        cache.withBytes(of: variant) { write($0, serial: variant.serial, extendedError: $1, to: target) }
    }

    /// The zone set and table to answer from now. Starts the cache over when the zone set changed
    /// since it was filled; after a table change, drops the responses that change can have affected.
    private func refreshState() -> AnswerSource.State {
        let current = answerSource.currentState()
        if let state, current.zones === state.zones, current.table === state.table { return state }
        negativeAnswers.removeAll(keepingCapacity: true)
        if let state, current.zones === state.zones {
            cache.removeEntries(affectedBy: current.table.changedServiceNames(since: state.table))
        } else {
            cache.removeAll()
        }
        state = current
        return current
    }

    /// The response before its OPT record, encoded from `state` through the responder with ID 0
    /// and neither RD nor CD, as a copy to keep; `nil` if the query does not decode after all.
    private func encode(
        _ query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, counter: UInt64, period: RotationPeriod,
        key: AnswerCache.Key, state: AnswerSource.State
    ) -> EncodedAnswer? {
        guard let (_, response, facts) = lookUp(query, clientAddress: clientAddress, rotation: .fixed(counter), period: period, state: state)
        else { return nil }
        return encoded(response, facts: facts, key: key, state: state)
    }

    /// `response` encoded within the key's record limit, as a copy to keep.
    private func encoded(_ response: Message, facts: AnswerFacts, key: AnswerCache.Key, state: AnswerSource.State) -> EncodedAnswer {
        var bytes = ByteBuffer()
        let offsets = response.encode(into: &bytes, sizeLimit: Self.recordLimit(key, facts: facts)).soaSerialOffsets
        var encoded = EncodedAnswer(bytes: bytes, dependency: facts.dependency, extendedError: Self.extendedErrorData(key, facts: facts))
        guard facts.serialFollowsTable, !offsets.isEmpty else { return encoded }
        guard offsets.count == 1, let serial = bytes.getInteger(at: bytes.readerIndex + offsets[0], as: UInt32.self) else {
            encoded.dependency = .anyChange
            return encoded
        }
        encoded.serial = AnswerCache.SerialSlot(offset: offsets[0], serial: serial, atVersion: state.table.answerVersion)
        return encoded
    }

    /// The query's question and the response to it from `state`, with ID 0 and neither RD nor CD
    /// nor an OPT record, and how it came about; `nil` if the query does not decode after all.
    private func lookUp(
        _ query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, rotation: AnswerSource.RotationStep, period: RotationPeriod?,
        state: AnswerSource.State
    ) -> (question: Question, response: Message, facts: AnswerFacts)? {
        var bytes = ByteBuffer(bytes: query)
        guard let question = (try? bytes.readMessage())?.questions.first else { return nil }
        var response = Message(replyingTo: Header(id: 0), rcode: .noError)
        response.questions = [question]
        let facts = responder.answer(
            question, client: ClientContext(sourceAddress: Array(clientAddress)), rotation: rotation, period: period, state: state,
            into: &response)
        return (question, response, facts)
    }

    /// Copies the encoded response `stored` into the target's buffer with the query's ID, RD and
    /// CD bits and question name and the SOA serial for the table's version at `serial`, then
    /// appends the OPT record when the query had one, with the extended error whose data is
    /// `extendedError` (none when empty); returns the length, or `nil` when it does not fit the buffer.
    private func write(
        _ stored: UnsafeRawBufferPointer, serial: AnswerCache.SerialSlot?, extendedError: UnsafeRawBufferPointer, to target: CopyTarget
    ) -> Int? {
        let (view, query, response) = (target.view, target.query, target.response)
        let extendedErrorLength = extendedError.isEmpty ? 0 : 4 + extendedError.count
        guard stored.count + target.edns.optLength + extendedErrorLength <= response.count else { return nil }
        response.copyMemory(from: stored)
        var length = stored.count
        if let serial {
            response.storeBytes(of: serial.serial(atVersion: target.answerVersion).bigEndian, toByteOffset: serial.offset, as: UInt32.self)
        }
        response.setHeader(.id, to: view.id)
        response.setHeader(.flags, to: response.header(.flags) | view.flags & Self.recursionDesiredAndCheckingDisabled)
        let nameRange = QueryView.nameOffset..<(QueryView.nameOffset + view.nameLength)
        UnsafeMutableRawBufferPointer(rebasing: response[nameRange]).copyMemory(from: UnsafeRawBufferPointer(rebasing: query[nameRange]))
        guard target.edns.outcome == .answered else { return length }
        response.setHeader(.additionalCount, to: response.header(.additionalCount) + 1)
        length += writeOPT(for: target, extendedError: extendedError, into: UnsafeMutableRawBufferPointer(rebasing: response[length...]))
        return length
    }

    /// Writes the target's OPT record as its ``EDNSReply`` says, as the full path builds it, with
    /// the extended error whose data is `extendedError` (none when empty); returns its length.
    private func writeOPT(for target: CopyTarget, extendedError: UnsafeRawBufferPointer, into opt: UnsafeMutableRawBufferPointer) -> Int {
        let edns = target.edns
        var writer = OPTRecordWriter(into: opt, payloadSize: edns.payloadSize, flags: edns.flags)
        if edns.carriesCookie, let cookie = target.view.edns?.cookie {
            writer.appendOption(code: EDNSOption.Code.cookie.rawValue, length: ServerCookie.replyLength) { data in
                cookies.writeReply(
                    clientCookie: UnsafeRawBufferPointer(rebasing: target.query[cookie]), clientAddress: target.clientAddress, timestamp: now(),
                    to: data)
            }
        }
        if edns.carriesNSID, let nsid {
            writer.appendOption(code: EDNSOption.Code.nsid.rawValue, length: nsid.count) { data in
                nsid.withUnsafeBytes { data.copyMemory(from: $0) }
            }
        }
        if !extendedError.isEmpty {
            writer.appendOption(code: EDNSOption.Code.extendedError.rawValue, length: extendedError.count) { $0.copyMemory(from: extendedError) }
        }
        return writer.finish()
    }

    /// The responder's full path, for queries the cache does not serve; a dynamic answer takes the
    /// order of `rotation`.
    private func respondInFull(
        to query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer, into response: UnsafeMutableRawBufferPointer,
        start: ContinuousClock.Instant?, rotation: AnswerSource.RotationStep = .next
    ) -> Int? {
        let encoded = responder.encodedResponse(
            to: ByteBuffer(bytes: query), clientAddress: Array(clientAddress), overTCP: false, rotation: rotation, start: start)
        guard let encoded, encoded.readableBytes <= response.count else { return nil }
        return encoded.withUnsafeReadableBytes { bytes in
            response.copyMemory(from: bytes)
            return bytes.count
        }
    }

    /// A response encoded to be kept as a copy: its bytes before the OPT record, what in the table
    /// it depends on, the data of the extended error its OPT record carries (empty for none), and
    /// where its SOA serial lies when that follows the table.
    private struct EncodedAnswer {
        let bytes: ByteBuffer
        var dependency: TableDependency
        let extendedError: [UInt8]
        var serial: AnswerCache.SerialSlot?
    }

    /// One query answered by copy: what writing its response needs besides the stored bytes.
    private struct CopyTarget {
        let view: QueryView
        let query: UnsafeRawBufferPointer
        let clientAddress: UnsafeRawBufferPointer
        /// The response's EDNS side: size limit and OPT record.
        let edns: EDNSReply
        /// The table's answer version, which the stored SOA serial is patched to.
        let answerVersion: UInt64
        let response: UnsafeMutableRawBufferPointer

        /// The query's question as sent: name, type and class.
        var question: UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: query[QueryView.nameOffset..<view.questionEnd])
        }
    }
}
