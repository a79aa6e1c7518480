public import Logging

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The process's limit on open files (`RLIMIT_NOFILE`): every connection, DNS over TCP or the
/// push API, takes one. Service managers start daemons with a low soft limit (often 1024) under
/// a high hard one, so gnsd raises the soft limit to the hard one at start.
///
///     let limit = OpenFileLimit.raiseSoftToHard(logger: logger)
public struct OpenFileLimit: Sendable, Equatable {
    /// The limit in force: opening a file past it fails with EMFILE.
    public var soft: UInt64
    /// The ceiling up to which the process may raise `soft` itself.
    public var hard: UInt64

    /// The limits in force now; `nil` when they cannot be read.
    public static func current() -> OpenFileLimit? {
        var limits = rlimit()
        guard getrlimit(Self.resource, &limits) == 0 else { return nil }
        return OpenFileLimit(soft: UInt64(limits.rlim_cur), hard: UInt64(limits.rlim_max))
    }

    /// Raises the soft limit to the hard one and logs both, before and after.
    /// - Returns: the limits in force afterwards; `nil` when they cannot be read.
    @discardableResult
    public static func raiseSoftToHard(logger: Logger) -> OpenFileLimit? {
        guard let before = current() else {
            logger.warning("cannot read the open-files limit: errno \(errno)")
            return nil
        }
        guard before.soft < before.hard else {
            logger.info("open files: soft limit \(before.soft), hard limit \(before.hard)")
            return before
        }
        var raised = rlimit(rlim_cur: rlim_t(before.hard), rlim_max: rlim_t(before.hard))
        guard setrlimit(Self.resource, &raised) == 0, let after = current() else {
            logger.warning("open files: cannot raise the soft limit \(before.soft) to the hard limit \(before.hard): errno \(errno)")
            return before
        }
        logger.info("open files: soft limit raised from \(before.soft) to \(after.soft), hard limit \(after.hard)")
        return after
    }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}
