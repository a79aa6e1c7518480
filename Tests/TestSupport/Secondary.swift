import Foundation
import TestKit

/// Knot DNS's knotd, NSD or BIND's named running as a child process on a free loopback port as
/// a secondary of gnsd for clusterset.local and acme.local, configured by its snippet of
/// `deploy/secondaries/`, with its configuration, zones and log in a temporary folder.
///
///     let secret = Secondary.makeSecret()
///     try await Secondary.with(.knot, primaryPort: server.port, secret: secret) { secondary in
///         #expect(try await secondary.waitForSerial(of: "acme.local", atLeast: 2, within: .seconds(5)))
///     }
public struct Secondary: Sendable {
    public typealias StartFailure = DaemonStartFailure

    public let kind: SecondaryKind
    /// The UDP and TCP port it answers on, on 127.0.0.1.
    public let port: Int
    private let process: SpawnedProcess
    private let directory: TemporaryDirectory

    /// What the secondary logged so far: transfers, NOTIFYs and errors.
    public var log: String {
        (try? String(contentsOfFile: Self.logPath(in: directory), encoding: .utf8)) ?? ""
    }

    /// 32 random bytes in base64: a fresh TSIG secret for hmac-sha256, for both gnsd and the secondary.
    public static func makeSecret() -> String {
        Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
    }

    /// Starts `kind` configured by `snippet` (by default its file in `deploy/secondaries/`),
    /// with gnsd at 127.0.0.1:`primaryPort` instead of ``SecondaryKind/documentedPrimary`` and
    /// `secret` as the key's secret. Returns once it answers a query, which may be before it
    /// has the zones (see ``waitForSerial(of:atLeast:within:)``); throws ``StartFailure`` with
    /// its log when it exits first or stays silent for `timeout`.
    public static func start(
        _ kind: SecondaryKind, primaryPort: Int, secret: String, port chosenPort: Int? = nil, snippet: String? = nil,
        timeout: Duration = .seconds(10)
    ) async throws -> Secondary {
        let program = try LoopbackDaemon.executable(kind.program)
        let text = try snippet ?? Repository.read(kind.snippetFile)
        guard let pointed = kind.pointed(text, primaryPort: primaryPort, secret: secret) else {
            let name = snippet == nil ? kind.snippetFile : "The snippet"
            throw DaemonStartFailure(
                description: "\(name) does not name gnsd as \(kind.documentedPrimary) with the secret \(SecondaryKind.placeholderSecret)")
        }
        let directory = try TemporaryDirectory()
        let port: Int
        let process: SpawnedProcess
        do {
            port = try chosenPort ?? FreePort.find()
            let files = kind.files(snippet: pointed, port: port, directory: directory.path, logFile: logPath(in: directory))
            for file in files {
                try directory.write(file.name, file.contents)
            }
            let command = kind.command(executable: program, directory: directory.path, logFile: logPath(in: directory))
            process = try SpawnedProcess(command, log: logPath(in: directory))
        } catch {
            directory.remove()
            throw error
        }
        let secondary = Secondary(kind: kind, port: port, process: process, directory: directory)
        try await LoopbackDaemon.waitUntilAnswering(
            kind.program, process: process, port: port, timeout: timeout, log: { secondary.log }, stop: { await secondary.stop() })
        return secondary
    }

    /// Starts `kind` as ``start(_:primaryPort:secret:port:snippet:timeout:)`` does, runs `body`
    /// with it and stops it, also when `body` throws.
    public static func with<Result>(
        _ kind: SecondaryKind, primaryPort: Int, secret: String, port: Int? = nil, snippet: String? = nil,
        _ body: (Secondary) async throws -> Result
    ) async throws -> Result {
        let secondary = try await start(kind, primaryPort: primaryPort, secret: secret, port: port, snippet: snippet)
        return try await withCleanup {
            try await body(secondary)
        } cleanup: {
            await secondary.stop()
        }
    }

    /// Stops the secondary (SIGTERM, SIGKILL after 5 s) and removes its folder.
    public func stop() async {
        await process.terminate()
        directory.remove()
    }

    /// The serial of `zone`'s SOA as the secondary answers it (dig, UDP, no recursion); `nil`
    /// when it does not answer NOERROR with the aa flag and the zone's SOA, as when it has not
    /// transferred the zone yet. Throws when dig fails, for instance on timeout.
    public func serial(of zone: String) async throws -> UInt32? {
        let lookup = try await DNSLookup.query(.dig, port: port, zone, "SOA", options: ["+norec"])
        guard lookup.rcode == "NOERROR", lookup.flags.contains("aa") else { return nil }
        let apex = zone.hasSuffix(".") ? zone.lowercased() : zone.lowercased() + "."
        for record in lookup.answer {
            // name TTL class SOA mname rname serial refresh retry expire minimum
            let fields = record.split(separator: " ")
            if fields.count >= 7, fields[0].lowercased() == apex, fields[3] == "SOA", let serial = UInt32(fields[6]) {
                return serial
            }
        }
        return nil
    }

    /// Polls ``serial(of:)`` every 100 ms until `zone`'s serial is `minimum` or later in serial
    /// number arithmetic (RFC 1982), for at most `limit`; returns whether it got there. A failed
    /// dig counts as no serial yet.
    public func waitForSerial(of zone: String, atLeast minimum: UInt32, within limit: Duration) async throws -> Bool {
        try await eventually(within: limit, every: .milliseconds(100)) {
            guard let current = try? await serial(of: zone) else { return false }
            return Self.serial(current, isAtLeast: minimum)
        }
    }

    /// Whether serial `a` equals `b` or comes after it in serial number arithmetic (RFC 1982,
    /// 32 bits): `a` is at most 2^31 - 1 ahead of `b`, across the wrap. Serials exactly 2^31
    /// apart are not comparable, and count as not at least.
    public static func serial(_ a: UInt32, isAtLeast b: UInt32) -> Bool {
        a &- b < 0x8000_0000
    }

    private static func logPath(in directory: TemporaryDirectory) -> String {
        "\(directory.path)/secondary.log"
    }
}
