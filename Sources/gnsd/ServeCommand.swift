internal import ArgumentParser
internal import GNSDServer
internal import Logging

/// `gnsd serve`: answers DNS for the configured zones until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve DNS for the zones (UDP and TCP); SIGHUP reloads the zones.")

    @OptionGroup var options: ConfigurationOptions

    @Option(
        name: .customLong("dns-listen"),
        help: ArgumentHelp(
            "Address to serve DNS on, UDP and TCP; repeat for more (default 127.0.0.1:5300 and [::1]:5300).",
            valueName: "HOST:PORT"))
    var dnsListen: [String] = []

    @Option(
        name: .customLong("api-listen"),
        help: ArgumentHelp(
            "Address of the HTTP push API (default 127.0.0.1:8053).", valueName: "HOST:PORT"))
    var apiListen: String?

    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "Folder for the endpoint table's state file (default data).", valueName: "DIR"))
    var dataDirectory: String?

    func run() async throws {
        let (configuration, file) = try options.load(
            ConfigurationOverrides(
                dnsListen: dnsListen.isEmpty ? nil : dnsListen, apiListen: apiListen, dataDirectory: dataDirectory))
        let logger = LogSetup.bootstrap(label: "gnsd", level: configuration.log.level, format: configuration.log.format)
        do {
            try await GNSDApplication(configuration: configuration, logger: logger, configurationFile: file).run()
        } catch let error as DataFolderLockError {
            FileHandleOutput.standardError("gnsd: \(error)")
            throw ExitCode(2)
        } catch {
            logger.critical("gnsd stopped: \(error)")
            throw ExitCode.failure
        }
    }
}
