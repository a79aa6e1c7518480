internal import DNSWire

/// The bucket a response counts against, read from its bytes as BIND and Knot tell responses
/// apart: answers by question name and type, NODATA and NXDOMAIN by the owner of the first
/// authority record (the zone's SOA, or the delegation of a referral), errors by client alone.
struct ResponseClassification: Equatable {
    let kind: ResponseKind
    /// Hash of the name the response counts under (with the type, for answers); 0 for errors.
    let nameHash: UInt64

    private static let noError: UInt16 = 0
    private static let nameError: UInt16 = 3

    /// Classifies the encoded response `message`; what cannot be read is an error.
    /// `questionNameHash`, when the caller has it, is the hash of the response's question name
    /// (`QueryView.nameHash(in:)` of the query whose name it copies, the same FNV-1a over the
    /// lower-cased wire form), which an answer is counted under without walking the name again.
    init(response message: UnsafeRawBufferPointer, questionNameHash: UInt64? = nil) {
        self = Self.classify(message, questionNameHash: questionNameHash) ?? Self(kind: .error, nameHash: 0)
    }

    private init(kind: ResponseKind, nameHash: UInt64) {
        self.kind = kind
        self.nameHash = nameHash
    }

    private static func classify(_ message: UnsafeRawBufferPointer, questionNameHash: UInt64?) -> Self? {
        guard message.count >= Header.size else { return nil }
        let rcode = message.header(.flags) & 0x000F
        guard rcode == noError || rcode == nameError, message.header(.questionCount) == 1,
            let questionEnd = EncodedMessage.questionEnd(in: message, questionCount: 1)
        else { return nil }
        let answerCount = message.header(.answerCount)
        if rcode == noError && answerCount > 0 {
            guard let nameHash = questionNameHash ?? EncodedResponse.nameHash(in: message, at: Header.size) else { return nil }
            let type = UInt64(message.bigEndianUInt16(at: questionEnd - 4))
            return Self(kind: .answer, nameHash: (nameHash ^ type) &* 0x100_0000_01B3)
        }
        var position = questionEnd
        for _ in 0..<answerCount {
            guard let end = EncodedMessage.recordEnd(in: message, from: position) else { return nil }
            position = end
        }
        let kind: ResponseKind = rcode == nameError ? .nxdomain : .nodata
        guard message.header(.authorityCount) > 0 else {
            return kind == .nxdomain ? Self(kind: kind, nameHash: 0) : nil
        }
        guard let zoneHash = EncodedResponse.nameHash(in: message, at: position) else { return nil }
        return Self(kind: kind, nameHash: zoneHash)
    }
}
