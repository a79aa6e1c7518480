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
