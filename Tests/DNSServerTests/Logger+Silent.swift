import Logging

extension Logger {
    static let silent = Logger(label: "gnsd.dns-server-tests", factory: { _ in SwiftLogNoOpLogHandler() })
}
