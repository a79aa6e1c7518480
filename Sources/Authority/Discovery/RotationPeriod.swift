/// After how many queries a dynamic answer comes back in the same order: the least common
/// multiple of the lengths of the lists its ordering rotated. A weighted shuffle never repeats.
///
/// One lookup fills it; an answer that repeats after `length` queries can be encoded once per
/// step `counter % length` and copied after that.
final class RotationPeriod {
    /// The longest period worth keeping an encoded answer per step for.
    static let longest = 64

    private(set) var length = 1
    private(set) var isRepeatable = true

    /// Notes a list of `cycle` units rotated by the query counter.
    func include(cycle: Int) {
        length = length / Self.greatestCommonDivisor(length, cycle) * cycle
        if length > Self.longest {
            markUnrepeatable()
        }
    }

    /// Notes an order that does not follow from the counter modulo a small period.
    func markUnrepeatable() {
        isRepeatable = false
        length = 1
    }

    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : greatestCommonDivisor(b, a % b)
    }
}
