#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Configuration {
    /// Loads a YAML configuration file; keys left out keep their defaults and an empty file gives
    /// `Configuration()`. Unknown keys, bad values and bad YAML are errors naming the file, line,
    /// key path and reason.
    ///
    ///     let configuration = try Configuration.load(file: "/etc/gnsd/gnsd.yaml")
    public static func load(file path: String) throws(ConfigurationError) -> Configuration {
        try Configuration(yaml: readText(of: path), file: path)
    }

    /// Where gnsd looks for its configuration when none is named, in order: `gnsd.yaml` in the
    /// current directory, then `/etc/gnsd/gnsd.yaml`, where the Debian package installs it.
    public static let defaultFiles = ["gnsd.yaml", "/etc/gnsd/gnsd.yaml"]

    /// The first of ``defaultFiles`` that exists, loaded, with its path; the built-in defaults
    /// and `nil` when none does.
    public static func loadDefault() throws(ConfigurationError) -> (configuration: Configuration, file: String?) {
        guard let path = defaultFiles.first(where: { access($0, F_OK) == 0 }) else { return (Configuration(), nil) }
        return (try load(file: path), path)
    }

    /// Reads configuration from YAML text; `file` names the source in errors.
    init(yaml: String, file: String?) throws(ConfigurationError) {
        guard let root = try ConfigurationNode(yaml: yaml, file: file) else {
            self.init()
            return
        }
        self = try root.section()
    }

    /// The whole file as UTF-8 text.
    private static func readText(of path: String) throws(ConfigurationError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ConfigurationError(file: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 {
                break
            }
            guard count > 0 else {
                if errno == EINTR {
                    continue
                }
                throw ConfigurationError(file: path, reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            bytes += chunk[..<count]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError(file: path, reason: "is not UTF-8 text")
        }
        return text
    }
}
