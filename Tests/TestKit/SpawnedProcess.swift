import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A daemon started with posix_spawn: standard input from /dev/null, standard output and error
/// appended to a log file, no other descriptor, no blocked signal and default signal handling.
///
/// Foundation's Process does not do for daemons: its children inherit the signals the test
/// process blocks (dnsmasq then never sees SIGTERM), and a child that closes the descriptors it
/// inherited (dnsmasq does) stalls Process's watch over every other child until it exits.
public final class SpawnedProcess: @unchecked Sendable {
    /// posix_spawn could not start the command.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let pid: Int32
    private let lock = NSLock()
    private var status: Int32?

    /// Starts `command` (an absolute path, then its arguments), logging to the file `log`.
    public init(_ command: [String], log: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        guard let addCloseFrom = Self.addCloseFrom, addCloseFrom(&actions, 3) == 0 else {
            throw Failure(description: "posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later) failed")
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, command[0], &actions, &attributes, arguments, environ)
        guard result == 0 else {
            throw Failure(description: "cannot start \(command[0]): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// The exit status once the process has ended (128 + the signal when a signal ended it);
    /// `nil` while it runs.
    public var exitStatus: Int32? {
        lock.withLock {
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid {
                    status = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
                }
            }
            return status
        }
    }

    /// Sends SIGTERM and waits up to `grace` for the end, then sends SIGKILL to its process group
    /// and waits; returns the exit status.
    @discardableResult
    public func terminate(grace: Duration = .seconds(5)) async -> Int32 {
        if let status = exitStatus { return status }
        kill(pid, SIGTERM)
        if let status = try? await eventuallyValue(within: grace, every: .milliseconds(20), { exitStatus }) {
            return status
        }
        // The whole process group (the process leads its own): a daemon's forked children too.
        kill(-pid, SIGKILL)
        while true {
            if let status = exitStatus { return status }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// glibc's posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc module does not
    /// declare: the child closes every descriptor from the given one up.
    private static let addCloseFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }
}
