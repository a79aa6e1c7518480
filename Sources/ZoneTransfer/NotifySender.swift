import DNSWire
public import Logging
public import NIOCore
import NIOPosix
public import ServiceLifecycle
import Synchronization

/// Tells secondaries that a zone changed (NOTIFY, RFC 1996): at most one round per zone every
/// `interval` however often the zone changes, each NOTIFY repeated with a doubling timeout until
/// the secondary answers or `attempts` are spent. Every zone is announced once at start, so
/// secondaries catch up after a restart at once.
public final class NotifySender: Service {
    private struct Outstanding {
        var id: UInt16
        var attempt = 0
        var nextAttempt: ContinuousClock.Instant
        /// The MAC of the last signed NOTIFY, which the answer's signature covers.
        var requestMAC: [UInt8]?
    }

    private struct Key: Hashable {
        let target: Int
        let zone: DomainName
    }

    private struct State {
        var wanted: Set<DomainName> = []
        var lastRound: [DomainName: ContinuousClock.Instant] = [:]
        var outstanding: [Key: Outstanding] = [:]
    }

    private let journal: TransferJournal
    private let targets: [NotifyTarget]
    private let interval: Duration
    private let firstTimeout: Duration
    private let attempts: Int
    private let observer: (any TransferObserver)?
    private let logger: Logger
    private let now: @Sendable () -> UInt64
    private let eventLoopGroup: any EventLoopGroup
    private let state = Mutex(State())

    /// - Parameters:
    ///   - now: seconds since the epoch, for TSIG times.
    public init(
        journal: TransferJournal, targets: [NotifyTarget], interval: Duration, firstTimeout: Duration = .seconds(1), attempts: Int = 6,
        observer: (any TransferObserver)?, eventLoopGroup: any EventLoopGroup, logger: Logger, now: @escaping @Sendable () -> UInt64
    ) {
        self.journal = journal
        self.targets = targets
        self.interval = interval
        self.firstTimeout = firstTimeout
        self.attempts = attempts
        self.observer = observer
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        let channels = try await openChannels()
        try await withThrowingDiscardingTaskGroup { group in
            for (family, channel) in channels {
                group.addTask {
                    try await channel.executeThenClose { inbound, outbound in
                        // The sending loop ends at shutdown; then the receiving one is cancelled.
                        try await withThrowingTaskGroup(of: Void.self) { inner in
                            inner.addTask {
                                for try await envelope in inbound {
                                    self.receive(envelope)
                                }
                            }
                            inner.addTask {
                                await cancelWhenGracefulShutdown {
                                    while !Task.isCancelled {
                                        // Finding what is due brings the journal up to the table:
                                        // seconds of work after a large push, done on NIO's thread
                                        // pool so that no event loop (gnsd runs its tasks on them,
                                        // the push API's connections included) stalls meanwhile.
                                        let due = (try? await NIOThreadPool.singleton.runIfActive { self.due(family: family) }) ?? []
                                        for envelope in due {
                                            try? await outbound.write(envelope)
                                        }
                                        guard (try? await Task.sleep(for: .milliseconds(50))) != nil else { return }
                                    }
                                }
                            }
                            try await inner.next()
                            inner.cancelAll()
                        }
                    }
                }
            }
        }
    }

    private typealias Channel = NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>

    /// One unconnected UDP socket per address family the targets use.
    private func openChannels() async throws -> [(NIOBSDSocket.ProtocolFamily, Channel)] {
        var families: [NIOBSDSocket.ProtocolFamily] = []
        for target in targets where !families.contains(target.address.protocol) {
            families.append(target.address.protocol)
        }
        var channels: [(NIOBSDSocket.ProtocolFamily, Channel)] = []
        for family in families {
            let channel = try await DatagramBootstrap(group: eventLoopGroup)
                .bind(host: family == .inet6 ? "::" : "0.0.0.0", port: 0)
                .flatMapThrowing { channel in
                    try Channel(wrappingChannelSynchronously: channel)
                }.get()
            channels.append((family, channel))
        }
        return channels
    }

    /// The NOTIFY messages due now to targets of `family`: new rounds for zones that changed
    /// (coalesced per `interval`) and retries of unanswered ones. A zone no longer served (a
    /// zone file removed) is dropped quietly: there is nothing for a secondary to fetch.
    private func due(family: NIOBSDSocket.ProtocolFamily) -> [AddressedEnvelope<ByteBuffer>] {
        let changed = journal.takeChangedZones()
        let instant = ContinuousClock.now
        var failed: [(Key, Int)] = []
        var sending: [(Key, AddressedEnvelope<ByteBuffer>)] = []
        state.withLock { state in
            state.wanted.formUnion(changed)
            for zone in state.wanted where state.lastRound[zone].map({ instant - $0 >= interval }) ?? true {
                state.wanted.remove(zone)
                state.lastRound[zone] = instant
                for (index, target) in targets.enumerated() where target.follows(zone) {
                    state.outstanding[Key(target: index, zone: zone)] = Outstanding(id: .random(in: .min ... .max), nextAttempt: instant)
                }
            }
            for (key, outstanding) in state.outstanding
            where outstanding.nextAttempt <= instant && targets[key.target].address.protocol == family {
                guard let soa = journal.soa(of: key.zone) else {
                    state.outstanding[key] = nil
                    continue
                }
                guard outstanding.attempt < attempts else {
                    state.outstanding[key] = nil
                    failed.append((key, outstanding.attempt))
                    continue
                }
                var next = outstanding
                next.attempt += 1
                next.nextAttempt = instant + firstTimeout * (1 << min(outstanding.attempt, 16))
                let (message, mac) = notify(key.zone, soa: soa, id: outstanding.id, to: targets[key.target])
                next.requestMAC = mac
                state.outstanding[key] = next
                sending.append((key, message))
            }
        }
        for (key, attempts) in failed {
            logger.warning(
                "secondary did not answer NOTIFY; it will catch up at its next refresh",
                metadata: ["zone": "\(key.zone)", "secondary": "\(targets[key.target].address)", "attempts": "\(attempts)"])
            observer?.observeNotify(zone: key.zone, target: "\(targets[key.target].address)", event: .failed)
        }
        for (key, _) in sending {
            observer?.observeNotify(zone: key.zone, target: "\(targets[key.target].address)", event: .sent)
        }
        return sending.map(\.1)
    }

    /// A NOTIFY of `zone` at `soa` to `target`, signed with its key when it has one, and the MAC
    /// its answer's signature must cover.
    private func notify(_ zone: DomainName, soa: ResourceRecord, id: UInt16, to target: NotifyTarget) -> (AddressedEnvelope<ByteBuffer>, [UInt8]?) {
        var message = Message(header: Header(id: id))
        message.header.opcode = .notify
        message.header.authoritativeAnswer = true
        message.questions = [Question(name: zone, type: .soa, recordClass: .internet)]
        message.answers = [soa]
        var buffer = ByteBuffer()
        message.encode(into: &buffer)
        var mac: [UInt8]?
        if let key = target.key {
            var signer = TSIGSigner(key: key)
            signer.sign(&buffer, time: now())
            mac = signer.priorMAC
        }
        return (AddressedEnvelope(remoteAddress: target.address, data: buffer), mac)
    }

    /// Matches an answer to its NOTIFY by ID, sender and (when the target has a key) signature.
    private func receive(_ envelope: AddressedEnvelope<ByteBuffer>) {
        guard let header = envelope.data.peekHeader(), header.isResponse, header.opcode == .notify else { return }
        let match = state.withLock { state -> (Key, Outstanding)? in
            state.outstanding.first { key, outstanding in
                outstanding.id == header.id && targets[key.target].address == envelope.remoteAddress
            }.map { ($0.key, $0.value) }
        }
        guard let (key, outstanding) = match else { return }
        let target = targets[key.target]
        if let targetKey = target.key {
            guard let signed = try? SignedMessage.read(envelope.data),
                case .valid = TSIGVerifier(keys: [targetKey]).verify(signed, now: now(), priorMAC: outstanding.requestMAC)
            else {
                logger.debug("NOTIFY answer with a bad or missing signature ignored", metadata: ["secondary": "\(target.address)"])
                return
            }
        }
        state.withLock { $0.outstanding[key] = nil }
        let rcode = ResponseCode(rawValue: UInt16(header.rcodeBits))
        if rcode == .noError {
            observer?.observeNotify(zone: key.zone, target: "\(target.address)", event: .acknowledged)
        } else {
            logger.warning("secondary refused NOTIFY", metadata: ["zone": "\(key.zone)", "secondary": "\(target.address)", "rcode": "\(rcode)"])
            observer?.observeNotify(zone: key.zone, target: "\(target.address)", event: .failed)
        }
    }
}
