/// The name of any member of a JSON object, so that an object's members can be listed whatever
/// they are called.
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

extension CodingUserInfoKey {
    /// Set to `true` in a decoder's `userInfo` to let the body types skip members they do not
    /// know, as a client reading a newer gnsd's answers should. Without it they refuse them, as
    /// gnsd refuses a request that misspells a member.
    public static let acceptsUnknownMembers = CodingUserInfoKey(rawValue: "gnsd.acceptsUnknownMembers")!
}

extension Decoder {
    /// The container of an object whose every member is a case of `Key`: a member of another
    /// name is a `DecodingError` at its own path (unless ``CodingUserInfoKey/acceptsUnknownMembers``
    /// is set), answered as 422 naming it. One keyed container serves both the check and the
    /// reads, which matters in a snapshot of 50,000 endpoints: containers cost more than the
    /// members they hold.
    ///
    ///     let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
    public func strictContainer<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> StrictContainer<Key> {
        let members = try container(keyedBy: MemberName.self)
        guard userInfo[.acceptsUnknownMembers] as? Bool != true else { return StrictContainer(members: members) }
        let unknown = members.allKeys.filter { Key(stringValue: $0.stringValue) == nil }
        if let first = unknown.min(by: { $0.stringValue < $1.stringValue }) {
            let known = Key.allCases.map(\.stringValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: codingPath + [first], debugDescription: "is not a known member (known: \(known))"))
        }
        return StrictContainer(members: members)
    }
}

/// The members of an object checked by ``Swift/Decoder/strictContainer(keyedBy:)``, read by `Key`.
public struct StrictContainer<Key: CodingKey> {
    let members: KeyedDecodingContainer<MemberName>

    /// The member `key`, which must be present and not `null`.
    public func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try members.decode(Value.self, forKey: MemberName(stringValue: key.stringValue))
    }

    /// The member `key`, or `nil` when the object lacks it; `null` is refused as the wrong
    /// type, never taken for an absent member.
    public func decodeUnlessAbsent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        let member = MemberName(stringValue: key.stringValue)
        return members.contains(member) ? try members.decode(Value.self, forKey: member) : nil
    }
}
