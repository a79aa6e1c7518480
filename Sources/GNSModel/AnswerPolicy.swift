/// How the records of a dynamic answer are ordered before the per-answer cap applies.
///
/// The raw values are the spellings configuration files use: `local-first`, `round-robin`, `weighted`.
public enum AnswerPolicy: String, Hashable, Sendable, CaseIterable, Codable {
    /// The client's own cluster first, then clusters in its region, then the rest; each tier rotates.
    case localFirst = "local-first"
    /// Every cluster in one tier that rotates between queries.
    case roundRobin = "round-robin"
    /// A weighted shuffle: clusters by the sum of their ready endpoint weights, headless endpoints by their own weight.
    case weighted
}
