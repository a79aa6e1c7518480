/// Shell-style matching of cluster ids: `*` matches any run of characters (also none), `?` exactly one.
enum Glob {
    /// True when `text` matches `pattern` as a whole.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let matched = pattern.utf8.withContiguousStorageIfAvailable { pattern in
            text.utf8.withContiguousStorageIfAvailable { text in match(pattern, text) }
        }
        return (matched ?? nil) ?? match(Array(pattern.utf8), Array(text.utf8))
    }

    /// Greedy matching with backtracking to the last `*`: linear in practice, quadratic at worst.
    private static func match<Pattern: RandomAccessCollection<UInt8>, Text: RandomAccessCollection<UInt8>>(
        _ pattern: Pattern, _ text: Text
    ) -> Bool where Pattern.Index == Int, Text.Index == Int {
        var (p, t) = (pattern.startIndex, text.startIndex)
        var star: (pattern: Int, text: Int)?
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
                star = (p, t)
                p += 1
            } else if let last = star {
                star = (last.pattern, last.text + 1)
                p = last.pattern + 1
                t = last.text + 1
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
            p += 1
        }
        return p == pattern.endIndex
    }
}
