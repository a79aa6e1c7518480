/// Response rate limiting (RRL) of UDP answers, as BIND's `rate-limit` and Knot's `mod-rrl` do
/// it: each worker thread keeps a token bucket per client network, kind of response and name,
/// and a response past its bucket is dropped, or every `slip`th one sent truncated.
///
///     var settings = RateLimitSettings()
///     settings.responsesPerSecond = 5
public struct RateLimitSettings: Sendable, Equatable {
    /// Answers with records, NODATA answers and referrals per second for one client network and
    /// name (for NODATA and referrals: the zone or delegation), and the bucket's burst; 0 for no
    /// limit. Default 20.
    public var responsesPerSecond: Int
    /// NXDOMAIN answers per second for one client network and zone; 0 for no limit. Default 10.
    public var nxdomainsPerSecond: Int
    /// Error answers (REFUSED, FORMERR, NOTIMP, SERVFAIL, BADVERS…) per second for one client
    /// network, whatever the name; 0 for no limit. Default 10.
    public var errorsPerSecond: Int
    /// Every how many limited responses one slips out truncated (TC set, the question only), so a
    /// real client retries over TCP, or as BADCOOKIE with a server cookie when the query carried
    /// a cookie (RFC 7873 §5.4); 0 drops them all, 1 slips them all. Default 2.
    public var slip: Int
    /// Leading bits of an IPv4 client address that make its network. Default 24.
    public var ipv4PrefixLength: Int
    /// Leading bits of an IPv6 client address that make its network. Default 56.
    public var ipv6PrefixLength: Int
    /// Clients never limited. Default loopback (`127.0.0.0/8`, `::1/128`), which no packet from
    /// another host can claim.
    public var exempt: [IPNetwork]
    /// Buckets each worker thread keeps; a new bucket takes the slot of whichever one its hash
    /// lands on, so memory does not grow with the number of clients. Default 32,768 (512 KiB).
    public var tableSize: Int

    /// The defaults: 20 responses, 10 NXDOMAIN and 10 errors per second, slip 2, /24 and /56
    /// networks, loopback exempt, 32,768 buckets.
    public init() {
        responsesPerSecond = 20
        nxdomainsPerSecond = 10
        errorsPerSecond = 10
        slip = 2
        ipv4PrefixLength = 24
        ipv6PrefixLength = 56
        exempt = [
            IPNetwork(address: [127, 0, 0, 0], prefixLength: 8)!, IPNetwork(address: Array(repeating: 0, count: 15) + [1], prefixLength: 128)!,
        ]
        tableSize = 32_768
    }
}
