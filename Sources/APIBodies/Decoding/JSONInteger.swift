/// An integer member as a body decodes it. A number that is not a `Value` (a fraction, or out
/// of range) is reported at its own field, where the JSON decoder alone would call the whole
/// body malformed.
struct JSONInteger<Value: FixedWidthInteger & Decodable>: Decodable {
    var value: Value

    /// Decodes the integer, reporting any other number at this field.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Value.self) {
            self.value = value
        } else if (try? container.decode(Double.self)) != nil {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be an integer from \(Value.min) to \(Value.max)")
        } else {
            value = try container.decode(Value.self)
        }
    }
}
