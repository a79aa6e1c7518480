internal import Foundation
internal import Glibc
internal import Prometheus
internal import Synchronization

/// The process metrics every Prometheus client library exports, read from `/proc/self` at each
/// scrape: `process_cpu_seconds_total`, `process_resident_memory_bytes`,
/// `process_virtual_memory_bytes`, `process_open_fds`, `process_max_fds` and
/// `process_start_time_seconds`. On a system without `/proc` they stay 0.
final class ProcessMetrics: Sendable {
    private let cpu: Counter
    private let countedCPU = Mutex(0.0)
    private let resident: Gauge
    private let virtual: Gauge
    private let openFiles: Gauge
    private let maxFiles: Gauge
    private let startTime: Gauge

    init(registry: PrometheusCollectorRegistry) {
        let descriptor = { (name: String, unit: String, help: String) in
            MetricNameDescriptor(namespace: "process", metricName: name, unitName: unit, helpText: help)
        }
        cpu = registry.makeCounter(descriptor: descriptor("cpu", "seconds_total", "User and system CPU time spent, in seconds."))
        resident = registry.makeGauge(descriptor: descriptor("resident_memory", "bytes", "Resident memory size in bytes."))
        virtual = registry.makeGauge(descriptor: descriptor("virtual_memory", "bytes", "Virtual memory size in bytes."))
        openFiles = registry.makeGauge(descriptor: descriptor("open", "fds", "Open file descriptors."))
        maxFiles = registry.makeGauge(descriptor: descriptor("max", "fds", "The soft limit of open file descriptors."))
        startTime = registry.makeGauge(descriptor: descriptor("start_time", "seconds", "Start time of the process since the Unix epoch, in seconds."))
    }

    /// Reads `/proc/self` and sets the metrics.
    func update() {
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 {
            maxFiles.set(Double(limit.rlim_cur))
        }
        if let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            openFiles.set(Int64(descriptors.count))
        }
        guard let stat = Self.statFields() else { return }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        // Fields as proc(5) numbers them, from 1; `stat` starts at field 3, after the command.
        let field = { (number: Int) in Double(stat[number - 3]) ?? 0 }
        let cpuSeconds = (field(14) + field(15)) / ticks
        countedCPU.withLock { counted in
            if cpuSeconds > counted {
                cpu.increment(by: cpuSeconds - counted)
                counted = cpuSeconds
            }
        }
        virtual.set(field(23))
        resident.set(field(24) * pageSize)
        if let bootTime = Self.bootTime() {
            startTime.set(bootTime + field(22) / ticks)
        }
    }

    /// The fields of `/proc/self/stat` after the command name, which may hold spaces.
    private static func statFields() -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8), let end = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: end)...].split(separator: " ")
        return fields.count >= 22 ? fields : nil
    }

    /// The system's boot time, from `btime` in `/proc/stat`.
    private static func bootTime() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("btime ") }.flatMap { Double($0.dropFirst(6)) }
    }
}
