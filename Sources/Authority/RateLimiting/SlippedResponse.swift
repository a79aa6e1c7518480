internal import DNSWire

/// Turns a response that rate limiting holds back into the short one it slips out instead, as
/// BIND does: the header and question only, with TC set so that a real client asks again over
/// TCP, and with an OPT record the Prohibited extended error (RFC 8914) saying why. A query that
/// carried a COOKIE option gets BADCOOKIE with the fresh server cookie instead (RFC 7873 §5.4),
/// so a real client asks again over UDP with that cookie, which is never limited. The OPT
/// record stays, with the COOKIE option or the extended error as its only option; no answer,
/// authority or other additional record remains, so the reply is no larger than the query
/// plus a server cookie or the extended error's six bytes.
enum SlippedResponse {
    private static let truncated: UInt16 = 0x0200
    private static let authoritative: UInt16 = 0x0400
    /// BADCOOKIE (23): its low four bits go in the header, the rest in the OPT record's TTL.
    private static let badCookie: UInt16 = 23
    private static let cookieOption = EDNSOption.Code.cookie.rawValue
    private static let optFixedLength = OPTRecordWriter.fixedLength

    /// The data of the extended error a slipped response with an OPT record carries.
    private static let prohibited = ExtendedDNSError(.prohibited).optionData

    /// Rewrites the `length` bytes of the response in `buffer` in place; returns the new
    /// length, or `nil` when the response cannot be read or its rewrite would not fit `buffer`.
    static func rewrite(_ buffer: UnsafeMutableRawBufferPointer, length: Int) -> Int? {
        let message = UnsafeRawBufferPointer(rebasing: buffer[..<length])
        guard length >= Header.size, let questionEnd = EncodedMessage.questionEnd(in: message, questionCount: Int(message.header(.questionCount)))
        else { return nil }
        let recordCount = Int(message.header(.answerCount)) + Int(message.header(.authorityCount)) + Int(message.header(.additionalCount))
        var position = questionEnd
        var opt: Int?
        for _ in 0..<recordCount {
            guard let end = EncodedMessage.recordEnd(in: message, from: position) else { return nil }
            if message[position] == 0, message.bigEndianUInt16(at: position + 1) == RecordType.opt.rawValue {
                opt = position
            }
            position = end
        }
        var flags = message.header(.flags)
        var newLength = questionEnd
        if let opt {
            let cookie = cookieOption(in: message, optAt: opt)
            guard cookie != nil || questionEnd + optFixedLength + 6 + prohibited.count <= buffer.count else { return nil }
            let base = buffer.baseAddress!
            (base + questionEnd).copyMemory(from: base + opt, byteCount: optFixedLength)
            var optionsLength = 0
            if let cookie {
                optionsLength = cookie.count
                (base + questionEnd + optFixedLength + 2).copyMemory(from: base + cookie.lowerBound, byteCount: cookie.count)
                buffer[questionEnd + OPTRecordWriter.extendedRCodeOffset] = UInt8(badCookie >> 4)
                flags = flags & ~(authoritative | 0x000F) | badCookie & 0x000F
            } else {
                optionsLength = 4 + prohibited.count
                buffer.storeBytes(
                    of: EDNSOption.Code.extendedError.rawValue.bigEndian, toByteOffset: questionEnd + optFixedLength + 2, as: UInt16.self)
                buffer.storeBytes(of: UInt16(prohibited.count).bigEndian, toByteOffset: questionEnd + optFixedLength + 4, as: UInt16.self)
                prohibited.withUnsafeBytes { (base + questionEnd + optFixedLength + 6).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                flags |= truncated
            }
            buffer.storeBytes(of: UInt16(optionsLength).bigEndian, toByteOffset: questionEnd + OPTRecordWriter.dataLengthOffset, as: UInt16.self)
            newLength = questionEnd + optFixedLength + 2 + optionsLength
        } else {
            flags |= truncated
        }
        buffer.setHeader(.flags, to: flags)
        buffer.setHeader(.answerCount, to: 0)
        buffer.setHeader(.authorityCount, to: 0)
        buffer.setHeader(.additionalCount, to: opt == nil ? 0 : 1)
        return newLength
    }

    /// The bytes of the COOKIE option (code, length and data) in the OPT record at `opt`.
    private static func cookieOption(in message: UnsafeRawBufferPointer, optAt opt: Int) -> Range<Int>? {
        let dataEnd = opt + optFixedLength + 2 + Int(message.bigEndianUInt16(at: opt + optFixedLength))
        var position = opt + optFixedLength + 2
        while position + 4 <= dataEnd {
            let end = position + 4 + Int(message.bigEndianUInt16(at: position + 2))
            guard end <= dataEnd else { return nil }
            if message.bigEndianUInt16(at: position) == cookieOption {
                return position..<end
            }
            position = end
        }
        return nil
    }

}
