/// The verdict of one endpoint's health check: it starts as the file's `ready` and flips only
/// after `rise` passes in a row (to ready) or `fall` failures in a row (to unready).
struct HealthStatus: Hashable, Sendable {
    let rise: Int
    let fall: Int
    /// The endpoint's readiness by this check.
    private(set) var ready: Bool
    /// Results in a row that disagree with `ready`.
    private var streak = 0

    init(ready: Bool, rise: Int, fall: Int) {
        self.ready = ready
        self.rise = rise
        self.fall = fall
    }

    /// Counts one check result; true when the verdict flipped.
    mutating func record(passed: Bool) -> Bool {
        guard passed != ready else {
            streak = 0
            return false
        }
        streak += 1
        guard streak >= (passed ? rise : fall) else { return false }
        ready = passed
        streak = 0
        return true
    }
}
