import Glibc
import Logging
import Testing

@testable import GNSDServer

/// The soft open-files limit raised to the hard one at start.
@Suite("Open-files limit")
struct OpenFileLimitTests {
    @Test func theSoftLimitIsRaisedToTheHardOne() throws {
        let before = try #require(OpenFileLimit.current())
        var lowered = rlimit(rlim_cur: rlim_t(min(before.hard, 1024)), rlim_max: rlim_t(before.hard))
        #expect(setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &lowered) == 0)
        #expect(OpenFileLimit.current()?.soft == min(before.hard, 1024))
        let raised = OpenFileLimit.raiseSoftToHard(logger: Logger(label: "test"))
        #expect(raised == OpenFileLimit(soft: before.hard, hard: before.hard))
        #expect(OpenFileLimit.current() == raised)
    }
}
