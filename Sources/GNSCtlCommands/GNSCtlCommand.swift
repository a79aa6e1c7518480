public import ArgumentParser
import Foundation
import GNSModel

/// `gnsctl`: the operator's command line for gnsd's push API.
///
/// Run it with ``execute(_:)``, which maps every failure to one line on standard error and an
/// exit status: 1 when gnsd refuses, 2 for bad usage, 3 when gnsd cannot be reached.
public struct GNSCtlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gnsctl",
        abstract: "Read and change what gnsd holds, through its push API.",
        discussion: "Exit status: 0 done, 1 gnsd refused the request, 2 bad usage, 3 cannot connect to gnsd.",
        version: GNSDVersion.current,
        subcommands: [
            ClustersCommand.self, ServicesCommand.self, ExportsCommand.self, ExplainCommand.self, PushCommand.self,
            DeleteClusterCommand.self, ReleaseCommand.self, AuditCommand.self, StatusCommand.self, ZonesCommand.self, VersionCommand.self,
        ])

    @OptionGroup var options: GlobalOptions

    public init() {}

    /// Parses and runs `arguments` (without the program name) and returns the exit status.
    public static func execute(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            return 0
        } catch let failure as CommandFailure {
            standardError("gnsctl: \(failure)")
            return failure.status
        } catch {
            let status = exitCode(for: error)
            guard status != .success else {
                Swift.print(fullMessage(for: error))
                return 0
            }
            standardError("gnsctl: \(message(for: error).split(whereSeparator: \.isNewline).joined(separator: " "))")
            return status == .validationFailure ? CommandFailure.usageStatus : status.rawValue
        }
    }

    private static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
