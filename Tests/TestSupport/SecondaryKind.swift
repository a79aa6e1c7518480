import Foundation

/// An authoritative server that takes gnsd's zones clusterset.local and acme.local by zone
/// transfer, configured by one snippet of `deploy/secondaries/` plus what a test run needs: a
/// loopback port, a temporary folder for every file it writes, the current user and no network
/// beyond loopback.
public enum SecondaryKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case knot, nsd, bind

    /// gnsd's address as the snippets write it.
    public static let documentedAddress = "198.51.100.53"
    /// The TSIG secret as the snippets write it; a test puts ``Secondary/makeSecret()``'s there.
    public static let placeholderSecret = "REPLACE-WITH-BASE64-SECRET"
    /// The TSIG key's name in the snippets, which gnsd must give its key too.
    public static let keyName = "gnsd-transfer"
    /// The zones the snippets take from gnsd.
    public static let zones = ["clusterset.local", "acme.local"]

    public var description: String { rawValue }

    /// The daemon: `knotd`, `nsd` or `named`.
    public var program: String {
        switch self {
        case .knot: "knotd"
        case .nsd: "nsd"
        case .bind: "named"
        }
    }

    /// The snippet's path from the repository root.
    public var snippetFile: String {
        switch self {
        case .knot: "deploy/secondaries/knot.conf"
        case .nsd: "deploy/secondaries/nsd.conf"
        case .bind: "deploy/secondaries/named.conf"
        }
    }

    /// gnsd's address and port 53 as the snippet writes its primary; a test replaces the whole text.
    public var documentedPrimary: String {
        switch self {
        case .knot, .nsd: "\(Self.documentedAddress)@53"
        case .bind: "\(Self.documentedAddress) port 53"
        }
    }

    /// 127.0.0.1 and `port` as the program writes a primary.
    func primary(port: Int) -> String {
        switch self {
        case .knot, .nsd: "127.0.0.1@\(port)"
        case .bind: "127.0.0.1 port \(port)"
        }
    }

    /// `snippet` with gnsd at 127.0.0.1:`primaryPort` and `secret` as the key's secret; `nil`
    /// when the snippet lacks ``documentedPrimary`` or ``placeholderSecret``, so that a test
    /// never runs a secondary still pointed at the documentation address.
    func pointed(_ snippet: String, primaryPort: Int, secret: String) -> String? {
        guard snippet.contains(documentedPrimary), snippet.contains(Self.placeholderSecret) else { return nil }
        let pointed = snippet.replacingOccurrences(of: documentedPrimary, with: primary(port: primaryPort))
        return pointed.replacingOccurrences(of: Self.placeholderSecret, with: secret)
    }

    /// The files to write into `directory` for a secondary answering on 127.0.0.1:`port` over
    /// UDP and TCP, with `snippet` (written as `gnsd.conf`) already pointing at gnsd. Every file
    /// the daemon writes (pid file, zone files, journals, databases, control socket) is in
    /// `directory`; it logs transfers and NOTIFYs to standard error (NSD to `logFile`), which
    /// the harness sends to `logFile`.
    func files(snippet: String, port: Int, directory: String, logFile: String) -> [(name: String, contents: String)] {
        let include = (name: "gnsd.conf", contents: snippet)
        switch self {
        case .knot:
            // No user: it stays the current user. The default template keeps zone files,
            // journal and timers in the folder.
            let main = """
                server:
                    listen: 127.0.0.1@\(port)
                    rundir: "\(directory)"
                    pidfile: "\(directory)/knot.pid"
                    udp-workers: 1
                    tcp-workers: 1
                    background-workers: 1

                control:
                    listen: "\(directory)/knot.sock"

                database:
                    storage: "\(directory)"

                log:
                  - target: stderr
                    any: info

                template:
                  - id: default
                    storage: "\(directory)"

                include: "\(directory)/gnsd.conf"

                """
            return [(name: "knot.conf", contents: main), include]
        case .nsd:
            // username "" and chroot "" keep the current user and the whole file system;
            // zonesdir holds the zone files the snippet names relative to it.
            let main = """
                server:
                    ip-address: 127.0.0.1
                    port: \(port)
                    do-ip6: no
                    server-count: 1
                    username: ""
                    chroot: ""
                    zonesdir: "\(directory)"
                    database: ""
                    zonelistfile: "\(directory)/zone.list"
                    xfrdfile: "\(directory)/xfrd.state"
                    xfrdir: "\(directory)"
                    pidfile: "\(directory)/nsd.pid"
                    logfile: "\(logFile)"
                    verbosity: 2

                remote-control:
                    control-enable: no

                include: "\(directory)/gnsd.conf"

                """
            return [(name: "nsd.conf", contents: main), include]
        case .bind:
            // masterfile-format text keeps the transferred zones readable; notify no, as this
            // secondary has no secondaries of its own. Transfers are logged at debug 3 (named
            // runs with -d 3, every other category stays at info), which names IXFR or AXFR:
            // "requesting IXFR for serial 1", "got incremental response".
            let main = """
                options {
                    directory "\(directory)";
                    pid-file "\(directory)/named.pid";
                    lock-file "\(directory)/named.lock";
                    session-keyfile "\(directory)/session.key";
                    managed-keys-directory "\(directory)";
                    listen-on port \(port) { 127.0.0.1; };
                    listen-on-v6 { none; };
                    recursion no;
                    notify no;
                    masterfile-format text;
                    dnssec-validation no;
                };

                controls { };

                logging {
                    channel secondary {
                        stderr;
                        severity info;
                        print-time yes;
                        print-category yes;
                        print-severity yes;
                    };
                    channel transfers {
                        stderr;
                        severity debug 3;
                        print-time yes;
                        print-category yes;
                        print-severity yes;
                    };
                    category default { secondary; };
                    category notify { secondary; };
                    category xfer-in { transfers; };
                };

                include "\(directory)/gnsd.conf";

                """
            return [(name: "named.conf", contents: main), include]
        }
    }

    /// The command that runs the program at `executable` in the foreground.
    ///
    /// named runs from `directory` through /bin/sh: with -d it writes named.run into its
    /// working directory, and before it reads its configuration that is the one it started in.
    /// -L sends what it logs before its logging statement applies (configuration errors
    /// included) to `logFile` instead of syslog; -g would do that too, but ignores the logging
    /// statement.
    func command(executable: String, directory: String, logFile: String) -> [String] {
        switch self {
        case .knot:
            [executable, "-c", "\(directory)/knot.conf"]
        case .nsd:
            [executable, "-d", "-c", "\(directory)/nsd.conf"]
        case .bind:
            [
                "/bin/sh", "-c", #"cd "$1" && exec "$2" -f -d 3 -L "$3" -4 -n 1 -c "$1/named.conf""#,
                "sh", directory, executable, logFile,
            ]
        }
    }
}
