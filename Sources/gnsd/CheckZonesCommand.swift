internal import ArgumentParser
internal import Authority
internal import GNSDServer

/// `gnsd check-zones`: loads and validates the zones as `serve` would, without serving.
struct CheckZonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-zones",
        abstract: "Check the configuration and zone files as serve would; print a line per zone, exit 1 on the first error.")

    @OptionGroup var options: ConfigurationOptions

    func run() throws {
        let (configuration, _) = try options.load(ConfigurationOverrides())
        do {
            let plan = try ZoneCatalog.plan(for: configuration)
            for zone in plan.zoneSet.zones.sorted(by: { $0.origin.description < $1.origin.description }) {
                print("\(zone.origin) serial \(zone.serial), \(zone.recordCount) records")
            }
            if let domain = plan.unservedClustersetDomain {
                print("warning: no zone file for \(domain): MCS names are not served")
            }
        } catch {
            FileHandleOutput.standardError("gnsd: \(error)")
            throw ExitCode.failure
        }
    }
}
