internal import Glibc
internal import Logging

/// Writes one Frame Streams stream of `contentType` to a file or a Unix socket, from the query
/// log's writer thread only. Frames are gathered and written in batches (``flush()``); while the
/// destination cannot take them (a collector away, a failed file) they are dropped and counted,
/// never queued without bound. A socket is reconnected at most once a second; every read and
/// write on it gives up after two seconds, so a stuck collector cannot stall the writer for long.
final class FrameStreamWriter {
    private let destination: FrameStreamDestination
    private let contentType: [UInt8]
    private let logger: Logger
    private var descriptor: Int32?
    private var pending: [UInt8] = []
    private var pendingFrames = 0
    private var nextConnection = ContinuousClock.now
    /// Set after a file failed: it is not reopened, which would truncate what it holds.
    private var fileFailed = false
    private var reportedUnavailable = false
    /// Frames written and frames dropped, since start.
    private(set) var framesWritten = 0
    private(set) var framesDropped = 0

    private static let batchBytes = 64 * 1024
    private static let socketTimeoutSeconds = 2
    private static let reconnectInterval = Duration.seconds(1)

    init(destination: FrameStreamDestination, contentType: [UInt8], logger: Logger) {
        self.destination = destination
        self.contentType = contentType
        self.logger = logger
    }

    /// Whether frames can be written now, opening or reconnecting when due; callers skip encoding
    /// what would be dropped and count it with ``drop(frames:)``.
    var isOpen: Bool {
        if descriptor == nil {
            open()
        }
        return descriptor != nil
    }

    /// Queues one data frame, writing the batch once it is large.
    func write(_ payload: [UInt8]) {
        guard isOpen else {
            framesDropped += 1
            return
        }
        FrameStreamFrame.appendData(payload, to: &pending)
        pendingFrames += 1
        if pending.count >= Self.batchBytes {
            flush()
        }
    }

    /// Counts frames that were never encoded because the destination was not open.
    func drop(frames: Int) {
        framesDropped += frames
    }

    /// Writes what is gathered.
    func flush() {
        guard let descriptor, !pending.isEmpty else { return }
        if send(pending, to: descriptor) {
            framesWritten += pendingFrames
        } else {
            framesDropped += pendingFrames
            fail("write failed: \(SystemErrorText.current)")
        }
        pending.removeAll(keepingCapacity: true)
        pendingFrames = 0
    }

    /// Ends the stream: what is gathered, STOP, and on a socket the collector's FINISH.
    func finish() {
        flush()
        guard let descriptor else { return }
        var stop: [UInt8] = []
        FrameStreamFrame.appendControl(.stop, contentType: nil, to: &stop)
        if send(stop, to: descriptor), case .socket = destination {
            _ = readControl(from: descriptor)
        }
        close(descriptor)
        self.descriptor = nil
    }

    private func open() {
        switch destination {
        case .file(let path):
            guard !fileFailed else { return }
            let opened = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
            guard opened >= 0 else {
                fileFailed = true
                logger.error("dnstap stopped: cannot open \(path): \(SystemErrorText.current)")
                return
            }
            start(on: opened)
        case .socket(let path):
            let now = ContinuousClock.now
            guard now >= nextConnection else { return }
            nextConnection = now + Self.reconnectInterval
            do {
                start(on: try connect(to: path))
            } catch {
                unavailable(error.reason)
            }
        }
    }

    /// Writes START and keeps the descriptor.
    private func start(on opened: Int32) {
        var start: [UInt8] = []
        FrameStreamFrame.appendControl(.start, contentType: contentType, to: &start)
        guard send(start, to: opened) else {
            close(opened)
            unavailable("writing START failed: \(SystemErrorText.current)")
            return
        }
        descriptor = opened
        reportedUnavailable = false
        logger.info("dnstap writing to \(destination)")
    }

    /// Connects to the collector's socket and completes the READY/ACCEPT handshake.
    private func connect(to path: String) throws(FrameStreamFailure) -> Int32 {
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw FrameStreamFailure(reason: "socket: \(SystemErrorText.current)") }
        var timeout = timeval(tv_sec: Self.socketTimeoutSeconds, tv_usec: 0)
        for option in [SO_SNDTIMEO, SO_RCVTIMEO] {
            setsockopt(socket, SOL_SOCKET, option, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(socket)
            throw FrameStreamFailure(reason: "the socket path is too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        var ready: [UInt8] = []
        FrameStreamFrame.appendControl(.ready, contentType: contentType, to: &ready)
        guard connected == 0, send(ready, to: socket) else {
            let reason = SystemErrorText.current
            close(socket)
            throw FrameStreamFailure(reason: reason)
        }
        guard let accept = readControl(from: socket), accept.control == .accept,
            accept.contentTypes.isEmpty || accept.contentTypes.contains(contentType)
        else {
            close(socket)
            throw FrameStreamFailure(reason: "the collector did not accept \(String(decoding: contentType, as: UTF8.self))")
        }
        return socket
    }

    /// Reads one control frame; `nil` on a timeout, an error or anything else.
    private func readControl(from socket: Int32) -> (control: FrameStreamFrame.Control, contentTypes: [[UInt8]])? {
        guard let header = read(count: 8, from: socket), FrameStreamFrame.readUInt32(header, at: 0) == 0 else { return nil }
        let length = Int(FrameStreamFrame.readUInt32(header, at: 4))
        guard length <= FrameStreamFrame.maxControlLength, let body = read(count: length, from: socket) else { return nil }
        return FrameStreamFrame.parseControl(body)
    }

    private func read(count: Int, from socket: Int32) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let result = bytes.withUnsafeMutableBytes { recv(socket, $0.baseAddress! + received, count - received, 0) }
            if result > 0 {
                received += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                return nil
            }
        }
        return bytes
    }

    /// Writes all of `bytes`; false on an error (a socket's peer gone: no SIGPIPE) or a timeout.
    private func send(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        let isSocket: Bool
        if case .socket = destination { isSocket = true } else { isSocket = false }
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                isSocket
                    ? Glibc.send(descriptor, buffer.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                    : Glibc.write(descriptor, buffer.baseAddress! + sent, bytes.count - sent)
            }
            if result > 0 {
                sent += result
            } else if !(result < 0 && errno == EINTR) {
                return false
            }
        }
        return true
    }

    /// Closes after an error; a file stays closed, a socket reconnects when due.
    private func fail(_ reason: String) {
        if let descriptor {
            close(descriptor)
        }
        descriptor = nil
        switch destination {
        case .file(let path):
            fileFailed = true
            logger.error("dnstap stopped: \(path): \(reason)")
        case .socket:
            nextConnection = ContinuousClock.now + Self.reconnectInterval
            unavailable(reason)
        }
    }

    /// One warning when the socket becomes unavailable, none for each retry after it.
    private func unavailable(_ reason: String) {
        guard !reportedUnavailable else { return }
        reportedUnavailable = true
        logger.warning("dnstap \(destination) unavailable, dropping frames and retrying each second: \(reason)")
    }
}

/// Why a Frame Streams destination could not be opened.
struct FrameStreamFailure: Error {
    let reason: String
}

/// The text of the current `errno`.
enum SystemErrorText {
    static var current: String { String(cString: strerror(errno)) }
}
