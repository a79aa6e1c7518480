/// The code paths gnsd fuzzes, each named as `scripts/fuzz` and the corpus folders name it.
enum FuzzTarget: String, CaseIterable {
    /// DNS message decoding and re-encoding (``DNSMessageTarget``).
    case dnsMessage = "dns-message"
    /// The UDP answer path over a small zone set and table (``UDPAnswerTarget``).
    case udpAnswer = "udp-answer"
    /// Push body decoding and validation (``PushBodyTarget``).
    case pushBody = "push-body"

    /// Builds what the target answers from, so the first input does not pay for it.
    func prepare() {
        switch self {
        case .dnsMessage: break
        case .udpAnswer: UDPAnswerTarget.prepare()
        case .pushBody: PushBodyTarget.prepare()
        }
    }

    /// Runs one input; traps when a property the target checks does not hold.
    func run(_ input: UnsafeRawBufferPointer) {
        switch self {
        case .dnsMessage: DNSMessageTarget.run(input)
        case .udpAnswer: UDPAnswerTarget.run(input)
        case .pushBody: PushBodyTarget.run(input)
        }
    }
}
