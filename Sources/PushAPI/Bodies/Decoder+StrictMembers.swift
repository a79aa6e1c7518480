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
    /// The container of a request object whose every member is a case of `Key`: a member of
    /// another name is a `DecodingError` at its own path, answered as 422 naming it. One keyed
    /// container serves both the check and the reads, which matters in a snapshot of 50,000
    /// endpoints: containers cost more than the members they hold.
    ///
    ///     let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
    func strictContainer<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> StrictContainer<Key> {
        let members = try container(keyedBy: MemberName.self)
        let unknown = members.allKeys.filter { Key(stringValue: $0.stringValue) == nil }
        if let first = unknown.min(by: { $0.stringValue < $1.stringValue }) {
            let known = Key.allCases.map(\.stringValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: codingPath + [first], debugDescription: "is not a known member (known: \(known))"))
        }
        return StrictContainer(members: members)
    }
}

/// The members of a request object checked by ``Decoder/strictContainer(keyedBy:)``, read by `Key`.
struct StrictContainer<Key: CodingKey> {
    let members: KeyedDecodingContainer<MemberName>

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try members.decode(Value.self, forKey: MemberName(stringValue: key.stringValue))
    }

    /// The member `key`, or `nil` when the object lacks it; `null` is refused as the wrong
    /// type, never taken for an absent member.
    func decodeUnlessAbsent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        let member = MemberName(stringValue: key.stringValue)
        return members.contains(member) ? try members.decode(Value.self, forKey: member) : nil
    }
}
