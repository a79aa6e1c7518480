internal import ArgumentParser
internal import Dispatch
internal import GNSDServer
internal import GNSModel
internal import NIOCore
internal import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// `gnsd`: the global name server daemon.
struct GNSDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gnsd",
        abstract: "Authoritative DNS for cross-cluster service discovery.",
        version: GNSDVersion.current,
        subcommands: [ServeCommand.self, CheckZonesCommand.self, AgentCommand.self],
        defaultSubcommand: ServeCommand.self)
}

extension GNSDCommand {
    /// Parses and runs `arguments` (without the program name) and returns the exit status: 0
    /// done, 1 failed while running, 2 bad usage or configuration, each failure one line on
    /// standard error. A first word that names no command is refused as such (the default
    /// command, `serve`, takes no words).
    static func execute(_ arguments: [String]) async -> Int32 {
        let commands = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) {
            FileHandleOutput.standardError("gnsd: unknown command '\(first)'; the commands are \(commands.joined(separator: ", ")) (gnsd --help)")
            return usageStatus
        }
        do {
            switch try parseAsRoot(arguments) {
            case var asynchronous as any AsyncParsableCommand: try await asynchronous.run()
            case var command: try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch  where exitCode(for: error) == .success {
            print(fullMessage(for: error))  // --help, --version
            return 0
        } catch {
            let command = arguments.first.flatMap { commands.contains($0) ? " \($0)" : nil } ?? ""
            let message = message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            FileHandleOutput.standardError("gnsd: \(message) (gnsd\(command) --help)")
            return exitCode(for: error) == .validationFailure ? usageStatus : exitCode(for: error).rawValue
        }
    }

    /// The exit status of bad usage and bad configuration, as for `gnsctl`.
    static let usageStatus: Int32 = 2
}

/// Ignores SIGHUP from the first moment (``ProcessSignals`` traps it once `serve` starts), makes
/// NIO's singleton event loops Swift concurrency's global executor, then runs ``GNSDCommand``
/// on it (detached: `main` itself is on the main actor, whose thread is the one waiting) while
/// the main thread waits for it, then exits with its status.
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
        // Written before the semaphore is signalled, read after it is waited for.
        nonisolated(unsafe) var status: Int32 = 0
        Task.detached {
            status = await GNSDCommand.execute(Array(CommandLine.arguments.dropFirst()))
            finished.signal()
        }
        finished.wait()
        exit(status)
    }
}
