internal import ArgumentParser
internal import GNSDServer

/// The flags every command shares: the configuration file and the overrides of its common keys.
struct ConfigurationOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "YAML configuration file (default: ./gnsd.yaml, else /etc/gnsd/gnsd.yaml, else the built-in defaults).", valueName: "FILE"))
    var configFile: String?

    @Option(name: .customLong("zones"), help: ArgumentHelp("Directory of *.zone files (default zones).", valueName: "DIR"))
    var zonesDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "text (default) or json: one JSON object per line.")
    var logFormat: String?

    /// The file's configuration (``configFile``, else the first of the default files, else the
    /// built-in defaults) with the command's own flags and these shared ones applied, then
    /// validated, and the file it came from; errors end the command with one line.
    func load(_ commandOverrides: ConfigurationOverrides) throws -> (configuration: Configuration, file: String?) {
        do {
            var (configuration, file) =
                try configFile.map { path throws(ConfigurationError) in (try Configuration.load(file: path), path) }
                ?? Configuration.loadDefault()
            var overrides = commandOverrides
            overrides.zonesDirectory = zonesDirectory
            overrides.logLevel = logLevel
            overrides.logFormat = logFormat
            try configuration.apply(overrides: overrides)
            try configuration.validate()
            return (configuration, file)
        } catch {
            FileHandleOutput.standardError("gnsd: \(error)")
            throw ExitCode(2)
        }
    }
}
