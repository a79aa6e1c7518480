internal import ArgumentParser
internal import Dispatch
internal import GNSDServer
internal import NIOCore
internal import NIOPosix

/// `gnsd`: the global name server daemon.
struct GNSDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gnsd",
        abstract: "Authoritative DNS for cross-cluster service discovery.",
        version: GNSDVersion.current,
        subcommands: [ServeCommand.self, CheckZonesCommand.self, AgentCommand.self],
        defaultSubcommand: ServeCommand.self)
}

/// Ignores SIGHUP from the first moment (``ProcessSignals`` traps it once `serve` starts), makes
/// NIO's singleton event loops Swift concurrency's global executor, then runs ``GNSDCommand``
/// on it (detached: `main` itself is on the main actor, whose thread is the one waiting) while
/// the main thread waits for it.
///
/// With the event loops as the global executor, a push API request is decoded, applied and
/// answered on the loop that read it, instead of hopping to Swift's thread pool and back: 15 %
/// more deltas a second on one CPU, and 1.7 times the requests for `/healthz`. The price is that
/// nothing may block a loop for long: large bodies are decoded and written on NIO's thread pool
/// (`PushAPI`), and DNS over TCP runs on event loops of its own (`GNSDApplication`).
///
/// An `async` main would park the main thread in `dispatch_main()`, whose `rt_sigsuspend` gets a
/// signal mask in read-only memory that valgrind 3.19 writes to and dies of; waiting on a
/// semaphore instead keeps gnsd measurable with `valgrind --tool=callgrind`.
@main
enum GNSDMain {
    static func main() {
        ProcessSignals.ignoreHangUps()
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            await GNSDCommand.main()
            finished.signal()
        }
        finished.wait()
    }
}
