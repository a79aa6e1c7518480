public import Logging
public import NIOSSL
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listener's TLS context, re-read from its ``TLSFiles`` when they change: each new
/// connection takes the ``current`` context, so a renewed certificate serves new connections at
/// once while open ones keep the one they started with. A new set of files that does not make a
/// working context (unreadable, no certificate, a key of another certificate, say while a
/// renewal has written one file and not yet the other) is logged and the old context kept.
///
///     let tls = try ReloadingTLSContext(files: files, clientAuthentication: .required, applicationProtocols: ["http/1.1"], logger: logger)
///     tls.reload(ifChanged: true)   // every second, and on SIGHUP with ifChanged: false
public final class ReloadingTLSContext: Sendable {
    /// The files this context is read from.
    public let files: TLSFiles
    private let clientAuthentication: ClientAuthentication
    private let applicationProtocols: [String]
    private let logger: Logger
    private let state: Mutex<State>

    private struct State {
        var context: NIOSSLContext
        var validity: [CertificateValidity]
        var fingerprint: [FileFingerprint?]
    }

    /// Reads the files once; a problem with them is the error, since a listener cannot start without.
    /// - Parameters:
    ///   - clientAuthentication: with a client CA, whether clients must present a certificate.
    ///   - applicationProtocols: the ALPN protocols offered, such as `http/1.1` or `dot`.
    public init(
        files: TLSFiles, clientAuthentication: ClientAuthentication, applicationProtocols: [String], logger: Logger
    ) throws(TLSFileError) {
        self.files = files
        self.clientAuthentication = clientAuthentication
        self.applicationProtocols = applicationProtocols
        self.logger = logger
        let fingerprint = files.paths.map(FileFingerprint.init(path:))
        state = Mutex(
            try Self.read(files, clientAuthentication: clientAuthentication, applicationProtocols: applicationProtocols, fingerprint: fingerprint))
    }

    /// The state `files` make: their context and certificates, with `fingerprint`.
    private static func read(
        _ files: TLSFiles, clientAuthentication: ClientAuthentication, applicationProtocols: [String], fingerprint: [FileFingerprint?]
    ) throws(TLSFileError) -> State {
        let material = try TLSMaterial(files: files)
        let context = try material.serverContext(clientAuthentication: clientAuthentication, applicationProtocols: applicationProtocols)
        return State(context: context, validity: material.validity, fingerprint: fingerprint)
    }

    /// The context a new connection uses.
    public var current: NIOSSLContext {
        state.withLock { $0.context }
    }

    /// The certificates served and trusted now, with their expiry.
    public var certificates: [CertificateValidity] {
        state.withLock { $0.validity }
    }

    /// Re-reads the files (only when one changed, if `ifChanged`) and serves them from now on
    /// when they make a working context; otherwise logs why and keeps the current one.
    /// Returns whether the context was replaced.
    @discardableResult
    public func reload(ifChanged: Bool) -> Bool {
        let fingerprint = files.paths.map(FileFingerprint.init(path:))
        if ifChanged, state.withLock({ $0.fingerprint == fingerprint }) {
            return false
        }
        do throws(TLSFileError) {
            let read = try Self.read(
                files, clientAuthentication: clientAuthentication, applicationProtocols: applicationProtocols, fingerprint: fingerprint)
            state.withLock { $0 = read }
            logger.notice("TLS certificate reloaded", metadata: ["certificate": "\(files.certificate)"])
            return true
        } catch {
            // Remembered, so an unchanged bad file is reported once, not on every check.
            state.withLock { $0.fingerprint = fingerprint }
            logger.error("TLS files not reloaded; the previous certificate stays in use", metadata: ["error": "\(error)"])
            return false
        }
    }
}

/// What tells a file's versions apart without reading it: device, inode, size and modification
/// time, through symbolic links (a Kubernetes Secret volume swaps a link to a new directory).
struct FileFingerprint: Hashable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: Int64

    /// The fingerprint of `path`, or `nil` when it cannot be read.
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
    }
}
