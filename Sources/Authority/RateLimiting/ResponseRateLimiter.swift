internal import DNSWire
internal import Glibc

/// Response rate limiting for one UDP worker thread: decides for each response whether it goes
/// out, is dropped, or slips out truncated (see ``RateLimitSettings``).
///
/// Each response counts against a token bucket keyed by the client's network (IPv4 /24 and
/// IPv6 /56 by default), its ``ResponseKind`` and name (``ResponseClassification``). A bucket
/// holds one second of its kind's rate and refills continuously, by the elapsed milliseconds; a
/// response that finds it empty is limited, and every `slip`th limited response of a bucket slips.
/// Buckets live in a fixed table hashed with a random seed: a new key takes the slot it lands
/// on, as in Knot, so memory never grows; a key that lost its slot starts again with a full bucket.
/// Exempt networks are never counted; a limited response whose query carries a valid server
/// cookie (RFC 7873 §5.2.3) goes out all the same, since a spoofed source cannot have one.
///
/// Not thread-safe and free of locks: one per worker thread. The kernel spreads one client's
/// source ports over a listener's `SO_REUSEPORT` workers, so a client using many ports may get
/// up to the number of workers times the rate; the rate is not divided by the workers, because
/// a client that keeps one port (a forwarder's pooled socket) reaches one worker only and would
/// then get a fraction of the configured rate.
///
///     let limiter = ResponseRateLimiter(settings: settings, cookies: cookies, cookieTime: now, observer: nil)
///     let length = limiter.limit(response, length: length, query: query, clientAddress: address)
final class ResponseRateLimiter {
    /// What becomes of one response.
    enum Verdict: Equatable {
        case send
        case drop(ResponseKind)
        case slip(ResponseKind)
    }

    /// One token bucket; 16 bytes.
    private struct Bucket {
        /// The key's hash bits not used for the slot; 0 for a slot never used.
        var tag: UInt32 = 0
        /// When the bucket was last refilled, in milliseconds (wrapping).
        var stamp: UInt32 = 0
        /// Thousandths of a response.
        var tokens: UInt32 = 0
        /// Limited responses since the last slip.
        var limitedSinceSlip: UInt32 = 0
    }

    /// A token is a thousandth of a response, so a bucket refills exactly, by the millisecond.
    private static let tokensPerResponse: UInt32 = 1000

    private let buckets: UnsafeMutableBufferPointer<Bucket>
    private let exempt: NetworkMatcher
    private let rates: (answer: UInt32, nodata: UInt32, nxdomain: UInt32, error: UInt32)
    private let slip: UInt32
    private let ipv4Mask: UInt32
    private let ipv6Mask: (high: UInt64, low: UInt64)
    private let seed: (UInt64, UInt64)
    private let cookies: ServerCookie
    private let cookieTime: () -> UInt32
    private let milliseconds: () -> UInt64
    private let observer: (any RateLimitObserver)?

    /// - Parameters:
    ///   - cookies: checks the server cookies of limited queries.
    ///   - cookieTime: seconds since the epoch, the clock of server cookies.
    ///   - observer: counts limited responses.
    ///   - milliseconds: a monotonic clock in milliseconds; tests pass a manual one.
    init(
        settings: RateLimitSettings, cookies: ServerCookie, cookieTime: @escaping () -> UInt32, observer: (any RateLimitObserver)?,
        milliseconds: @escaping () -> UInt64 = ResponseRateLimiter.monotonicMilliseconds()
    ) {
        buckets = .allocate(capacity: max(settings.tableSize, 1))
        buckets.initialize(repeating: Bucket())
        exempt = NetworkMatcher(settings.exempt)
        rates = (
            UInt32(clamping: settings.responsesPerSecond), UInt32(clamping: settings.responsesPerSecond),
            UInt32(clamping: settings.nxdomainsPerSecond), UInt32(clamping: settings.errorsPerSecond)
        )
        slip = UInt32(clamping: settings.slip)
        let ipv4Bits = min(max(settings.ipv4PrefixLength, 0), 32)
        ipv4Mask = ipv4Bits == 0 ? 0 : UInt32.max << (32 - ipv4Bits)
        let ipv6Bits = min(max(settings.ipv6PrefixLength, 0), 128)
        ipv6Mask = (
            ipv6Bits >= 64 ? .max : ipv6Bits == 0 ? 0 : .max << (64 - ipv6Bits),
            ipv6Bits <= 64 ? 0 : ipv6Bits == 128 ? .max : .max << (128 - ipv6Bits)
        )
        seed = (UInt64.random(in: .min ... .max) | 1, UInt64.random(in: .min ... .max) | 1)
        self.cookies = cookies
        self.cookieTime = cookieTime
        self.milliseconds = milliseconds
        self.observer = observer
    }

    deinit {
        buckets.deallocate()
    }

    /// A monotonic clock in milliseconds: the kernel's coarse clock, which costs no more than a
    /// memory read and ticks every few milliseconds, fine enough for buckets refilled per second.
    static func monotonicMilliseconds() -> () -> UInt64 {
        {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC_COARSE, &time)
            return UInt64(time.tv_sec) &* 1000 &+ UInt64(time.tv_nsec / 1_000_000)
        }
    }

    /// Applies the limit to the `length`-byte response in `response` to `query` from
    /// `clientAddress` (4 or 16 bytes): returns the length to send (the response's, or the
    /// slipped response's after rewriting it in place), or `nil` to send nothing.
    /// `questionNameHash` is the query's `QueryView.nameHash(in:)` when the caller has it.
    func limit(
        _ response: UnsafeMutableRawBufferPointer, length: Int, query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer,
        questionNameHash: UInt64? = nil
    ) -> Int? {
        let answered = UnsafeRawBufferPointer(rebasing: response[..<length])
        switch verdict(for: answered, query: query, clientAddress: clientAddress, questionNameHash: questionNameHash) {
        case .send:
            return length
        case .drop(let kind):
            observer?.observeLimited(kind, slipped: false)
            return nil
        case .slip(let kind):
            let slipped = SlippedResponse.rewrite(response, length: length)
            observer?.observeLimited(kind, slipped: slipped != nil)
            return slipped
        }
    }

    /// What becomes of `response`, the answer to `query` from `clientAddress`; counts it.
    func verdict(
        for response: UnsafeRawBufferPointer, query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer,
        questionNameHash: UInt64? = nil
    ) -> Verdict {
        guard exempt.isEmpty || exempt.firstMatch(clientAddress) == nil, let network = network(of: clientAddress) else { return .send }
        let classification = ResponseClassification(response: response, questionNameHash: questionNameHash)
        let rate = rate(of: classification.kind)
        guard rate > 0 else { return .send }
        let kindAndFamily = UInt64(classification.kind.rawValue) << 32 | network.family
        let hash = mix(mix(network.high ^ seed.0, network.low ^ seed.1) ^ classification.nameHash, kindAndFamily ^ seed.1)
        let slot = Int((hash >> 32 &* UInt64(buckets.count)) >> 32)
        let tag = UInt32(truncatingIfNeeded: hash) | 1
        let now = UInt32(truncatingIfNeeded: milliseconds())
        let capacity = rate &* Self.tokensPerResponse
        if buckets[slot].tag != tag {
            buckets[slot] = Bucket(tag: tag, stamp: now, tokens: capacity, limitedSinceSlip: 0)
        } else {
            let refill = UInt64(now &- buckets[slot].stamp) * UInt64(rate)
            buckets[slot].tokens = UInt32(min(UInt64(capacity), UInt64(buckets[slot].tokens) + refill))
            buckets[slot].stamp = now
        }
        if buckets[slot].tokens >= Self.tokensPerResponse {
            buckets[slot].tokens -= Self.tokensPerResponse
            return .send
        }
        if hasValidServerCookie(query, clientAddress: clientAddress) {
            return .send
        }
        buckets[slot].limitedSinceSlip += 1
        guard slip > 0, buckets[slot].limitedSinceSlip >= slip else { return .drop(classification.kind) }
        buckets[slot].limitedSinceSlip = 0
        return .slip(classification.kind)
    }

    private func rate(of kind: ResponseKind) -> UInt32 {
        switch kind {
        case .answer: rates.answer
        case .nodata: rates.nodata
        case .nxdomain: rates.nxdomain
        case .error: rates.error
        }
    }

    /// The client's network as two words and its family (4 or 6; an IPv4-mapped IPv6 address
    /// counts as IPv4); `nil` for an address that is neither.
    private func network(of address: UnsafeRawBufferPointer) -> (high: UInt64, low: UInt64, family: UInt64)? {
        switch address.count {
        case 4:
            return (0, UInt64(UInt32(bigEndian: address.loadUnaligned(as: UInt32.self)) & ipv4Mask), 4)
        case 16:
            let high = UInt64(bigEndian: address.loadUnaligned(as: UInt64.self))
            let low = UInt64(bigEndian: address.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if high == 0 && low >> 32 == 0xFFFF {
                return (0, UInt64(UInt32(truncatingIfNeeded: low) & ipv4Mask), 4)
            }
            return (high & ipv6Mask.high, low & ipv6Mask.low, 6)
        default:
            return nil
        }
    }

    /// True when `query` carries a server cookie gnsd issued to `clientAddress` that is still valid.
    private func hasValidServerCookie(_ query: UnsafeRawBufferPointer, clientAddress: UnsafeRawBufferPointer) -> Bool {
        guard let cookie = QueryView(query)?.edns?.cookie else { return false }
        return cookies.isValidServerCookie(UnsafeRawBufferPointer(rebasing: query[cookie]), clientAddress: clientAddress, now: cookieTime())
    }

    /// Folds two words into one through their 128-bit product.
    private func mix(_ first: UInt64, _ second: UInt64) -> UInt64 {
        let product = first.multipliedFullWidth(by: second)
        return product.high ^ product.low
    }
}
