#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Times as the audit trail and the JSON log write them: RFC 3339 in UTC to the nearest
/// millisecond, `2026-12-07T10:00:00.000Z`. Written by hand from `gmtime_r`, since every write
/// to the API records one and Foundation's formatter costs more than the rest of the record.
public enum RFC3339Time {
    /// The time `seconds` after 1970-01-01T00:00:00Z.
    public static func string(secondsSince1970 seconds: Double) -> String {
        let total = Int64((seconds * 1000).rounded())
        let whole = total >= 0 ? total / 1000 : (total - 999) / 1000
        var time = time_t(whole)
        let milliseconds = Int(total - whole * 1000)
        var parts = tm()
        gmtime_r(&time, &parts)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = "\(padded(Int(parts.tm_year) + 1900, 4))-\(padded(Int(parts.tm_mon) + 1, 2))-\(padded(Int(parts.tm_mday), 2))"
        let clock = "\(padded(Int(parts.tm_hour), 2)):\(padded(Int(parts.tm_min), 2)):\(padded(Int(parts.tm_sec), 2))"
        return "\(date)T\(clock).\(padded(milliseconds, 3))Z"
    }
}
