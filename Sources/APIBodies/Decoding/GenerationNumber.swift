import GNSModel

/// A generation or base generation as a body decodes it: an integer in ``GenerationRange``
/// (1 through 2^53). Any other number is reported at its own field.
public struct GenerationNumber: Decodable, Hashable, Sendable {
    public var value: UInt64

    /// Decodes the generation, reporting a number outside the range (a fraction, 0, a negative
    /// or one beyond 2^53) at this field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(UInt64.self), GenerationRange.contains(value) {
            self.value = value
            return
        }
        if (try? container.decode(Double.self)) == nil {
            _ = try container.decode(UInt64.self)
        }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.rule)
    }

    /// The text of the rule a generation follows.
    static let rule = "must be an integer from \(GenerationRange.lowest) to \(GenerationRange.highest)"
}
