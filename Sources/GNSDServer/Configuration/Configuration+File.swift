internal import Yams

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
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigurationError(yamlError: error, in: yaml, file: file)
        }
        guard let root else {
            self.init()
            return
        }
        self = try ConfigurationNode(root: root, file: file).section()
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

extension ConfigurationError {
    /// A YAML syntax error from Yams, at its line when Yams knows it.
    fileprivate init(yamlError error: any Error, in yaml: String, file: String?) {
        switch error as? YamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let within = context.map { " (\($0.text) on line \($0.mark.line))" } ?? ""
            self.init(file: file, line: mark.line, reason: "invalid YAML: \(problem)\(within)")
        case let .reader(problem, offset?, _, _):
            let line = yaml.prefix(offset).count(where: \.isNewline) + 1
            self.init(file: file, line: line, reason: "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map(\.debugDescription).joined(separator: ", ")
            self.init(file: file, line: context.mark.line, reason: "invalid YAML: duplicate key \(keys)")
        default:
            self.init(file: file, reason: "invalid YAML: \(error)")
        }
    }
}
