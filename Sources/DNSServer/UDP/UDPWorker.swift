import CDatagramBatch
import Glibc
import Logging

/// One thread's share of a UDP listener: reads up to `batchSize` datagrams per `recvmmsg(2)`,
/// answers each through its own ``DatagramAnswering`` and sends the replies with one
/// `sendmmsg(2)`. Buffers are allocated once; the loop itself allocates nothing.
final class UDPWorker {
    private let socket: UDPSocket
    private let stop: UDPStopSignal
    private let answering: any DatagramAnswering
    private let batchSize: Int
    private let slotSize: Int
    private let logger: Logger

    private let receiveBuffer: UnsafeMutableRawBufferPointer
    private let sendBuffer: UnsafeMutableRawBufferPointer
    private let peers: UnsafeMutablePointer<sockaddr_storage>
    private let receiveVectors: UnsafeMutablePointer<iovec>
    private let sendVectors: UnsafeMutablePointer<iovec>
    private let receiveMessages: UnsafeMutablePointer<gnsd_mmsghdr>
    private let sendMessages: UnsafeMutablePointer<gnsd_mmsghdr>

    init(socket: UDPSocket, stop: UDPStopSignal, answering: any DatagramAnswering, batchSize: Int, slotSize: Int, logger: Logger) {
        self.socket = socket
        self.stop = stop
        self.answering = answering
        self.batchSize = batchSize
        self.slotSize = slotSize
        self.logger = logger
        receiveBuffer = .allocate(byteCount: batchSize * slotSize, alignment: 16)
        sendBuffer = .allocate(byteCount: batchSize * slotSize, alignment: 16)
        peers = .allocate(capacity: batchSize)
        receiveVectors = .allocate(capacity: batchSize)
        sendVectors = .allocate(capacity: batchSize)
        receiveMessages = .allocate(capacity: batchSize)
        sendMessages = .allocate(capacity: batchSize)
        for slot in 0..<batchSize {
            receiveVectors[slot] = iovec(iov_base: receiveBuffer.baseAddress! + slot * slotSize, iov_len: slotSize)
            receiveMessages[slot] = gnsd_mmsghdr(
                msg_hdr: msghdr(
                    msg_name: UnsafeMutableRawPointer(peers + slot), msg_namelen: Self.peerSize,
                    msg_iov: receiveVectors + slot, msg_iovlen: 1, msg_control: nil, msg_controllen: 0, msg_flags: 0),
                msg_len: 0)
        }
    }

    private static let peerSize = socklen_t(MemoryLayout<sockaddr_storage>.size)

    deinit {
        receiveBuffer.deallocate()
        sendBuffer.deallocate()
        peers.deallocate()
        receiveVectors.deallocate()
        sendVectors.deallocate()
        receiveMessages.deallocate()
        sendMessages.deallocate()
    }

    /// Serves until the stop signal fires, then closes the socket.
    func run() {
        defer { socket.close() }
        while !stop.isSet {
            let received = receiveBatch()
            if received > 0 {
                sendReplies(count: answerBatch(count: received))
                resetReceiveSlots(count: received)
            } else if received == 0 || errno == EAGAIN || errno == EWOULDBLOCK {
                guard waitForDatagrams() else { return }
            } else if errno != EINTR {
                logger.debug("DNS over UDP receive error", metadata: ["errno": "\(errno)"])
            }
        }
    }

    /// Reads the datagrams waiting, at most `batchSize`, without blocking.
    private func receiveBatch() -> Int {
        Int(gnsd_recvmmsg(socket.descriptor, receiveMessages, UInt32(batchSize), Int32(MSG_DONTWAIT)))
    }

    /// Makes the first `count` receive slots ready for the next read: of their headers, the kernel
    /// changes only the address length (and the lengths and flags it reports).
    private func resetReceiveSlots(count: Int) {
        for slot in 0..<count {
            receiveMessages[slot].msg_hdr.msg_namelen = Self.peerSize
        }
    }

    /// Answers the `count` datagrams received; returns how many replies were prepared.
    private func answerBatch(count: Int) -> Int {
        var replies = 0
        for slot in 0..<count {
            let query = UnsafeRawBufferPointer(start: receiveBuffer.baseAddress! + slot * slotSize, count: Int(receiveMessages[slot].msg_len))
            let reply = UnsafeMutableRawBufferPointer(start: sendBuffer.baseAddress! + replies * slotSize, count: slotSize)
            let answered = Self.withAddress(of: peers + slot) { address, port in
                answering.respond(to: query, clientAddress: address, clientPort: port, into: reply)
            }
            guard let length = answered else { continue }
            sendVectors[replies] = iovec(iov_base: reply.baseAddress, iov_len: length)
            sendMessages[replies] = gnsd_mmsghdr(
                msg_hdr: msghdr(
                    msg_name: UnsafeMutableRawPointer(peers + slot), msg_namelen: receiveMessages[slot].msg_hdr.msg_namelen,
                    msg_iov: sendVectors + replies, msg_iovlen: 1, msg_control: nil, msg_controllen: 0, msg_flags: 0),
                msg_len: 0)
            replies += 1
        }
        return replies
    }

    /// Sends the prepared replies; those the socket cannot take now are dropped, as the datagrams
    /// a full receive buffer drops.
    private func sendReplies(count: Int) {
        var sent = 0
        while sent < count {
            let result = Int(gnsd_sendmmsg(socket.descriptor, sendMessages + sent, UInt32(count - sent), 0))
            if result > 0 {
                sent += result
            } else if errno != EINTR {
                logger.debug("DNS over UDP send error", metadata: ["errno": "\(errno)", "dropped": "\(count - sent)"])
                return
            }
        }
    }

    /// Blocks until a datagram waits or the stop signal fires; false when stopping.
    private func waitForDatagrams() -> Bool {
        var descriptors = (
            pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)
        )
        let ready = withUnsafeMutableBytes(of: &descriptors) { poll($0.baseAddress!.assumingMemoryBound(to: pollfd.self), 2, -1) }
        return !(ready > 0 && descriptors.1.revents != 0)
    }

    /// Calls `body` with the IP address bytes and port of an IPv4 or IPv6 peer.
    private static func withAddress<Result>(
        of peer: UnsafeMutablePointer<sockaddr_storage>, _ body: (UnsafeRawBufferPointer, UInt16) -> Result?
    ) -> Result? {
        let raw = UnsafeRawPointer(peer)
        switch Int32(peer.pointee.ss_family) {
        case AF_INET:
            let port = UInt16(bigEndian: raw.load(fromByteOffset: MemoryLayout<sockaddr_in>.offset(of: \.sin_port)!, as: UInt16.self))
            return body(UnsafeRawBufferPointer(start: raw + MemoryLayout<sockaddr_in>.offset(of: \.sin_addr)!, count: 4), port)
        case AF_INET6:
            let port = UInt16(bigEndian: raw.load(fromByteOffset: MemoryLayout<sockaddr_in6>.offset(of: \.sin6_port)!, as: UInt16.self))
            return body(UnsafeRawBufferPointer(start: raw + MemoryLayout<sockaddr_in6>.offset(of: \.sin6_addr)!, count: 16), port)
        default:
            return nil
        }
    }
}
