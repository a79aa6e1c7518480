import Foundation

/// A certificate authority made with openssl in a directory for one test: it issues
/// certificates (EC P-256 keys, PEM files) with the subject alternative names a test asks for,
/// valid now or long expired.
///
///     let ca = try await TestCertificateAuthority.make(in: directory, name: "ca")
///     let server = try await ca.issue("server", names: ["DNS:localhost", "IP:127.0.0.1"])
///     // server.certificate, server.key: paths of PEM files
public struct TestCertificateAuthority: Sendable {
    /// A certificate and its key, as PEM files.
    public struct Issued: Sendable {
        public var certificate: String
        public var key: String

        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    /// The directory the files are written in.
    public let directory: String
    /// The name of the authority's files: `<name>.crt` and `<name>.key`.
    public let name: String

    /// The authority's own certificate, the file a peer trusts.
    public var certificate: String { "\(directory)/\(name).crt" }
    private var key: String { "\(directory)/\(name).key" }

    /// A new self-signed authority, `CN=<name>`, valid for two days.
    public static func make(in directory: TemporaryDirectory, name: String) async throws -> TestCertificateAuthority {
        let authority = TestCertificateAuthority(directory: directory.path, name: name)
        try await openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", authority.key,
            "-out", authority.certificate, "-days", "2", "-subj", "/CN=\(name)",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        return authority
    }

    /// Issues `CN=<file>` with the subject alternative `names` (`DNS:localhost`, `IP:127.0.0.1`,
    /// `URI:spiffe://gnsd/cluster/aws-west`), for servers and clients, into `<file>.crt` and
    /// `<file>.key`; valid for a day, or expired in 2020 when `expired`.
    public func issue(_ file: String, names: [String], expired: Bool = false) async throws -> Issued {
        let issued = Issued(certificate: "\(directory)/\(file).crt", key: "\(directory)/\(file).key")
        let request = "\(directory)/\(file).csr"
        try await Self.openssl([
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", issued.key, "-out", request,
            "-subj", "/CN=\(file)",
        ])
        let extensions = "\(directory)/\(file).ext"
        try """
        basicConstraints = CA:FALSE
        keyUsage = digitalSignature
        extendedKeyUsage = serverAuth, clientAuth
        subjectAltName = \(names.joined(separator: ", "))
        """.write(toFile: extensions, atomically: true, encoding: .utf8)
        if expired {
            try await signExpired(request, extensions: extensions, into: issued.certificate)
        } else {
            try await Self.openssl([
                "x509", "-req", "-in", request, "-CA", certificate, "-CAkey", key, "-CAcreateserial", "-days", "1", "-extfile", extensions,
                "-out", issued.certificate,
            ])
        }
        return issued
    }

    /// Signs `request` valid only through 2020, with `openssl ca`, which alone takes past dates.
    private func signExpired(_ request: String, extensions: String, into output: String) async throws {
        let database = "\(directory)/\(name).index"
        try "".write(toFile: database, atomically: true, encoding: .utf8)
        let configuration = "\(directory)/\(name).cnf"
        try """
        [ ca ]
        default_ca = test
        [ test ]
        database = \(database)
        new_certs_dir = \(directory)
        serial = \(directory)/\(name).serial
        default_md = sha256
        policy = anything
        unique_subject = no
        [ anything ]
        commonName = supplied
        """.write(toFile: configuration, atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: "\(directory)/\(name).serial", atomically: true, encoding: .utf8)
        try await Self.openssl([
            "ca", "-batch", "-config", configuration, "-cert", certificate, "-keyfile", key, "-in", request, "-out", output,
            "-extfile", extensions, "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-notext",
        ])
    }

    private static func openssl(_ arguments: [String]) async throws {
        let output = try await ExternalCommand.run("openssl", arguments)
        guard output.status == 0 else {
            throw ExternalCommand.Failure(description: "openssl \(arguments.first ?? "") failed: \(output.standardError)")
        }
    }
}
