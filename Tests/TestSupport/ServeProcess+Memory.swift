import Foundation

extension ServeProcess {
    /// gnsd's resident memory in bytes (`VmRSS` in `/proc/<pid>/status`), or 0 once it has ended.
    public var residentBytes: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }
}
