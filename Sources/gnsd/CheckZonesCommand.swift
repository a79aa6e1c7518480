internal import ArgumentParser
internal import Authority
internal import GNSD

/// `gnsd check-zones`: loads and validates the zones as `serve` would, without serving.
struct CheckZonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-zones",
        abstract: "Check the zone files and print a line per zone; exit 1 on the first error.")

    @OptionGroup var options: ConfigurationOptions

    func run() throws {
        let configuration = try options.load(ConfigurationOverrides())
        do {
            let zoneSet = try ZoneCatalog.load(directory: configuration.zones.directory)
            for zone in zoneSet.zones.sorted(by: { $0.origin.description < $1.origin.description }) {
                print("\(zone.origin) serial \(zone.serial), \(zone.recordCount) records")
            }
        } catch {
            FileHandleOutput.standardError("gnsd: \(error)")
            throw ExitCode.failure
        }
    }
}
