import GNSCtlCommands

#if canImport(Glibc)
import Glibc
#endif

/// The `gnsctl` program: runs ``GNSCtlCommand`` and exits with its status.
@main
enum GNSCtlMain {
    static func main() async {
        exit(await GNSCtlCommand.execute(Array(CommandLine.arguments.dropFirst())))
    }
}
