import Foundation
import NIOSSL
import Synchronization

/// The TLS configuration of a ``ClientTLS`` as its files are now: each request asks for it, and
/// when a file's bytes changed (cert-manager renewed the client certificate, say) the files are
/// read again, so a long-running agent presents the renewed certificate without a restart. A
/// new set that cannot be used (a certificate written before its key) keeps the previous
/// configuration until the next request finds the files complete.
final class ClientTLSFiles: Sendable {
    private let tls: ClientTLS
    private let state: Mutex<(contents: [Data?], configuration: TLSConfiguration)>

    /// The files of `tls`, read once; files that cannot be used are the error.
    init(_ tls: ClientTLS) throws(GNSClientError) {
        self.tls = tls
        let contents = Self.contents(of: tls)
        state = Mutex((contents, try tls.configuration()))
    }

    /// The configuration of the files as they are now.
    func configuration() -> TLSConfiguration {
        let contents = Self.contents(of: tls)
        return state.withLock { state in
            guard contents != state.contents, let renewed = try? tls.configuration() else { return state.configuration }
            state = (contents, renewed)
            return renewed
        }
    }

    private static func contents(of tls: ClientTLS) -> [Data?] {
        [tls.caFile, tls.certificate, tls.key].map { path in path.flatMap { FileManager.default.contents(atPath: $0) } }
    }
}
