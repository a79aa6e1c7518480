import Logging
import ServerTLS
import TestKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The context a TLS listener serves: files read once at start, re-read when they change, a
/// bad new set refused with the old one kept.
struct ReloadingTLSContextTests {
    static let logger = Logger(label: "gnsd-test")

    @Test func aBadNewKeyKeepsTheServedCertificateUntilAGoodPairArrives() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try await TestCertificateAuthority.make(in: directory, name: "ca")
        let first = try await ca.issue("first", names: ["DNS:localhost"])
        let files = TLSFiles(certificate: first.certificate, key: first.key, clientCA: ca.certificate)
        let tls = try ReloadingTLSContext(files: files, clientAuthentication: .required, applicationProtocols: ["http/1.1"], logger: Self.logger)
        let served = tls.current
        #expect(tls.certificates.map(\.role) == ["server", "client-ca"])
        #expect(tls.certificates.map(\.subject) == ["CN=first", "CN=ca"])
        #expect(!tls.reload(ifChanged: true), "unchanged files were read again")

        let second = try await ca.issue("second", names: ["DNS:localhost"])
        #expect(rename(second.key, first.key) == 0)
        #expect(!tls.reload(ifChanged: true), "a key of another certificate was taken")
        #expect(tls.current === served)
        #expect(tls.certificates.map(\.subject) == ["CN=first", "CN=ca"])

        #expect(rename(second.certificate, first.certificate) == 0)
        #expect(tls.reload(ifChanged: true))
        #expect(tls.current !== served)
        #expect(tls.certificates.map(\.subject) == ["CN=second", "CN=ca"])
    }

    @Test func filesThatCannotServeAreErrorsNamingTheFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try await TestCertificateAuthority.make(in: directory, name: "ca")
        let issued = try await ca.issue("server", names: ["DNS:localhost"])
        let notPEM = try directory.write("notes.txt", "hello\n")
        let cases: [(TLSFiles, String)] = [
            (
                TLSFiles(certificate: "\(directory.path)/none.crt", key: issued.key),
                "\(directory.path)/none.crt: cannot read: no such file or directory"
            ),
            (TLSFiles(certificate: notPEM, key: issued.key), "\(notPEM): holds no PEM certificate"),
            (TLSFiles(certificate: issued.certificate, key: notPEM), "\(notPEM): holds no PEM private key"),
            (TLSFiles(certificate: issued.certificate, key: issued.key, clientCA: notPEM), "\(notPEM): holds no PEM certificate"),
            (TLSFiles(certificate: ca.certificate, key: issued.key), "\(issued.key): does not belong to the certificate in \(ca.certificate)"),
        ]
        for (files, expected) in cases {
            let error = #expect(throws: TLSFileError.self) {
                try ReloadingTLSContext(files: files, clientAuthentication: .required, applicationProtocols: [], logger: Self.logger)
            }
            #expect(error.map { "\($0)".hasPrefix(expected) } == true, "\(String(describing: error)) does not start with \(expected)")
        }
    }
}
