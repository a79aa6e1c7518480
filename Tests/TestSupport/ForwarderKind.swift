#if canImport(Glibc)
import Glibc
#endif

/// A resolver that forwards gnsd's domains to it, configured by one snippet of
/// `deploy/forwarders/` plus what a test run needs: a loopback port, a temporary folder, the
/// current user and no network beyond loopback.
public enum ForwarderKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case unboundStub = "unbound stub-zone"
    case unboundForward = "unbound forward-zone"
    case bind = "BIND forward zone"
    case dnsmasq

    /// The address the snippets give for gnsd; a test puts gnsd's loopback address and port there.
    public static let documentedAddress = "198.51.100.53"

    public var description: String { rawValue }

    /// The daemon: `unbound`, `named` or `dnsmasq`.
    public var program: String {
        switch self {
        case .unboundStub, .unboundForward: "unbound"
        case .bind: "named"
        case .dnsmasq: "dnsmasq"
        }
    }

    /// The snippet's path from the repository root.
    public var snippetFile: String {
        switch self {
        case .unboundStub: "deploy/forwarders/unbound-stub.conf"
        case .unboundForward: "deploy/forwarders/unbound-forward.conf"
        case .bind: "deploy/forwarders/named.conf"
        case .dnsmasq: "deploy/forwarders/dnsmasq.conf"
        }
    }

    /// 127.0.0.1 and `port` as the program writes an upstream server.
    func upstream(port: Int) -> String {
        switch self {
        case .unboundStub, .unboundForward: "127.0.0.1@\(port)"
        case .bind: "127.0.0.1 port \(port)"
        case .dnsmasq: "127.0.0.1#\(port)"
        }
    }

    /// The files to write into `directory` for a forwarder answering on 127.0.0.1:`port`, with
    /// `snippet` already pointing at gnsd. The root hints name a loopback address where nothing
    /// listens, so nothing is ever asked beyond loopback.
    func files(snippet: String, port: Int, directory: String) -> [(name: String, contents: String)] {
        let rootHints = (name: "root.hints", contents: ".  3600000 NS root.invalid.\nroot.invalid.  3600000 A 127.0.0.254\n")
        switch self {
        case .unboundStub, .unboundForward:
            // The validator is on, as on a resolver in service: the snippet's domain-insecure
            // lines are what lets gnsd's unsigned zones through. The trust anchor is the root's KSK-2017.
            let main = """
                server:
                    interface: 127.0.0.1
                    port: \(port)
                    do-ip6: no
                    access-control: 127.0.0.0/8 allow
                    username: ""
                    chroot: ""
                    directory: "\(directory)"
                    use-syslog: no
                    logfile: ""
                    verbosity: 1
                    log-queries: yes
                    num-threads: 1
                    do-not-query-localhost: no
                    root-hints: "\(directory)/root.hints"
                    module-config: "validator iterator"
                    trust-anchor: ". DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D"
                    private-address: 10.0.0.0/8
                    private-address: fd00::/8
                include: "\(directory)/gnsd.conf"

                """
            return [(name: "unbound.conf", contents: main), (name: "gnsd.conf", contents: snippet), rootHints]
        case .bind:
            let scaffold = """
                options {
                    directory "\(directory)";
                    pid-file "\(directory)/named.pid";
                    lock-file "\(directory)/named.lock";
                    session-keyfile "\(directory)/session.key";
                    managed-keys-directory "\(directory)";
                    listen-on port \(port) { 127.0.0.1; };
                    listen-on-v6 { none; };
                    recursion yes;
                    allow-query { localhost; };
                    allow-recursion { localhost; };
                    querylog yes;

                """
            let merged = snippet.replacingOccurrences(of: "options {\n", with: scaffold)
            let main = merged + "\ncontrols { };\nzone \".\" {\n    type hint;\n    file \"\(directory)/root.hints\";\n};\n"
            return [(name: "named.conf", contents: main), rootHints]
        case .dnsmasq:
            let scaffold = """
                port=\(port)
                listen-address=127.0.0.1
                bind-interfaces
                no-resolv
                no-hosts
                user=\(Self.currentUser)
                group=\(Self.currentGroup)
                pid-file=\(directory)/dnsmasq.pid
                log-facility=-
                log-queries
                stop-dns-rebind

                """
            return [(name: "dnsmasq.conf", contents: scaffold + snippet)]
        }
    }

    /// The command that runs the program at `executable` in the foreground, logging to standard error.
    func command(executable: String, directory: String) -> [String] {
        switch self {
        case .unboundStub, .unboundForward: [executable, "-d", "-p", "-c", "\(directory)/unbound.conf"]
        case .bind: [executable, "-g", "-4", "-n", "1", "-c", "\(directory)/named.conf"]
        case .dnsmasq: [executable, "--keep-in-foreground", "--conf-file=\(directory)/dnsmasq.conf"]
        }
    }

    private static var currentUser: String {
        getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "\(geteuid())"
    }

    private static var currentGroup: String {
        getgrgid(getegid()).map { String(cString: $0.pointee.gr_name) } ?? "\(getegid())"
    }
}
