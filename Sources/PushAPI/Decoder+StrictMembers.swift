/// The name of any member of a JSON object, so that a request object's members can be listed
/// whatever they are called.
struct MemberName: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

extension Decoder {
    /// The keyed container of a request object whose every member is a case of `Key`: a member
    /// of another name is a `DecodingError` at its own path, answered as 422 naming it.
    ///
    ///     let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
    func strictContainer<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let members = try container(keyedBy: MemberName.self)
        let unknown = members.allKeys.filter { Key(stringValue: $0.stringValue) == nil }
        if let first = unknown.min(by: { $0.stringValue < $1.stringValue }) {
            let known = Key.allCases.map(\.stringValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: codingPath + [first], debugDescription: "is not a known member (known: \(known))"))
        }
        return try container(keyedBy: Key.self)
    }
}

extension KeyedDecodingContainer {
    /// The member `key`, or `nil` when the object lacks it; `null` is refused as the wrong
    /// type, never taken for an absent member.
    func decodeUnlessAbsent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        contains(key) ? try decode(Value.self, forKey: key) : nil
    }
}
