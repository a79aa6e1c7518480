internal import DNSWire

/// The EDNS side of a response, decided once from the query's OPT record for both answer paths
/// (the full decode-and-encode path and the answer copies): the size the response may take over
/// UDP, the payload size and DO bit of its OPT record, which options that carries, and whether
/// the OPT record itself is what the query gets answered about.
///
///     let reply = EDNSReply(query: view.edns, maxUDPPayload: 1232, nsidLength: nsid?.count)
///     guard reply.outcome == .answered, !reply.hasClientSubnet else { return fullPath() }
struct EDNSReply: Equatable {
    /// Largest response over UDP to a query without EDNS (RFC 1035 §4.2.1).
    static let classicUDPLimit = 512

    /// What the query's OPT record makes of the response.
    enum Outcome: Equatable {
        /// No OPT record: the response has none.
        case none
        /// The response carries an OPT record with the options below.
        case answered
        /// An EDNS version other than 0: BADVERS, with an OPT record and nothing else (RFC 6891 §6.1.3).
        case badVersion
        /// A COOKIE option of an invalid length: FORMERR, with an OPT record and nothing else (RFC 7873 §5.2.2).
        case malformedCookie
    }

    let outcome: Outcome
    /// The bytes the response may take over UDP: 512 without EDNS, else the client's payload size
    /// within 512 and the configured maximum.
    let sizeLimit: Int
    /// The payload size the response's OPT record advertises: the configured maximum.
    let payloadSize: UInt16
    /// The response's OPT flags: the query's DO bit (RFC 3225), nothing else.
    let flags: UInt16
    /// True when the response carries a COOKIE option: client cookie and a fresh server cookie.
    let carriesCookie: Bool
    /// True when the response carries the server's NSID (asked for, and one is configured).
    let carriesNSID: Bool
    /// True when the query carries an EDNS Client Subnet option, which the response answers with
    /// a scope only the full path works out.
    let hasClientSubnet: Bool
    /// The length of the response's OPT record without a Client Subnet option (0 without one).
    let optLength: Int

    /// Decides from the query's OPT fields: its payload size (`nil`: no OPT record), version and
    /// flags, the length of its COOKIE option's data (`nil`: none), whether it asks for NSID and
    /// has a Client Subnet option; gnsd caps payloads at `maxUDPPayload` and has an NSID of
    /// `nsidLength` bytes (`nil`: none).
    init(
        payloadSize: UInt16?, version: UInt8, flags: UInt16, cookieLength: Int?, asksForNSID: Bool, hasClientSubnet: Bool,
        maxUDPPayload: Int, nsidLength: Int?
    ) {
        self.payloadSize = UInt16(clamping: maxUDPPayload)
        self.flags = flags & 0x8000
        self.hasClientSubnet = payloadSize != nil && hasClientSubnet
        guard let payloadSize else {
            (outcome, sizeLimit, carriesCookie, carriesNSID, optLength) = (.none, Self.classicUDPLimit, false, false, 0)
            return
        }
        sizeLimit = max(Self.classicUDPLimit, min(Int(payloadSize), maxUDPPayload))
        if version != 0 {
            outcome = .badVersion
        } else if let cookieLength, !ServerCookie.isValid(length: cookieLength) {
            outcome = .malformedCookie
        } else {
            outcome = .answered
        }
        carriesCookie = outcome == .answered && cookieLength != nil
        carriesNSID = outcome == .answered && asksForNSID && nsidLength != nil
        optLength = OPTRecordWriter.emptyLength + (carriesCookie ? 4 + ServerCookie.replyLength : 0) + (carriesNSID ? 4 + (nsidLength ?? 0) : 0)
    }

    /// The decision for a decoded query's OPT record `edns`.
    init(query edns: EDNS?, maxUDPPayload: Int, nsidLength: Int?) {
        self.init(
            payloadSize: edns?.udpPayloadSize, version: edns?.version ?? 0, flags: edns?.flags ?? 0,
            cookieLength: edns?.option(.cookie)?.data.count, asksForNSID: edns?.option(.nsid) != nil,
            hasClientSubnet: edns?.option(.clientSubnet) != nil, maxUDPPayload: maxUDPPayload, nsidLength: nsidLength)
    }

    /// The decision for the OPT record of a query read in place.
    init(query edns: QueryView.Extension?, maxUDPPayload: Int, nsidLength: Int?) {
        self.init(
            payloadSize: edns?.udpPayloadSize, version: edns?.version ?? 0, flags: edns?.flags ?? 0, cookieLength: edns?.cookie?.count,
            asksForNSID: edns?.asksForNSID ?? false, hasClientSubnet: edns?.hasClientSubnet ?? false, maxUDPPayload: maxUDPPayload,
            nsidLength: nsidLength)
    }
}
