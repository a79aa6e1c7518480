internal import ArgumentParser
internal import Dispatch
internal import GNSD

/// `gnsd`: the global name server daemon.
struct GNSDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gnsd",
        abstract: "Authoritative DNS for cross-cluster service discovery.",
        version: GNSDVersion.current,
        subcommands: [ServeCommand.self, CheckZonesCommand.self, AgentCommand.self],
        defaultSubcommand: ServeCommand.self)
}

/// Ignores SIGHUP from the first moment (``ProcessSignals`` traps it once `serve` starts), then
/// runs ``GNSDCommand`` on the global executor (detached: `main` itself is on the main actor,
/// whose thread is the one waiting) while the main thread waits for it.
///
/// An `async` main would park the main thread in `dispatch_main()`, whose `rt_sigsuspend` gets a
/// signal mask in read-only memory that valgrind 3.19 writes to and dies of; waiting on a
/// semaphore instead keeps gnsd measurable with `valgrind --tool=callgrind`.
@main
enum GNSDMain {
    static func main() {
        ProcessSignals.ignoreHangUps()
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            await GNSDCommand.main()
            finished.signal()
        }
        finished.wait()
    }
}
