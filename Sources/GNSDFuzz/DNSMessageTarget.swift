import DNSWire
import NIOCore

/// Decodes any bytes as a DNS message and checks what the query path relies on:
/// - decoding never traps (it throws);
/// - what decodes re-encodes to a message that decodes to the same value, and encoding that
///   again gives the same bytes;
/// - `QueryView`, the in-place reader of ordinary queries, accepts only messages that decode in
///   full, and reads the same fields from them;
/// - the encoder reports where it wrote every SOA serial.
enum DNSMessageTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        var buffer = ByteBuffer(bytes: input)
        let message = try? buffer.readMessage()
        if let view = QueryView(input) {
            guard let message else { fatalError("QueryView accepts a message that does not decode") }
            checkAgreement(view, message, input)
        }
        guard let message else { return }
        var encoded = ByteBuffer()
        let report = message.encode(into: &encoded)
        guard !report.truncated else { return }
        checkSOASerials(of: message, in: encoded, at: report.soaSerialOffsets)
        var reader = encoded
        guard let decoded = try? reader.readMessage() else { fatalError("the encoding of a decoded message does not decode") }
        expect(decoded == message, "decode, encode, decode changes the message: \(message) became \(decoded)")
        var reencoded = ByteBuffer()
        decoded.encode(into: &reencoded)
        expect(reencoded == encoded, "encoding the same message twice gives different bytes")
    }

    /// Checks that `view` read from `input` says what the full decoding `message` says.
    private static func checkAgreement(_ view: QueryView, _ message: Message, _ input: UnsafeRawBufferPointer) {
        let question = message.questions.first
        expect(message.questions.count == 1, "QueryView accepts \(message.questions.count) questions")
        expect(view.id == message.header.id && view.flags == message.header.flags, "QueryView reads another header")
        expect(view.nameLength == question?.name.wire.count, "QueryView reads another name length")
        expect(view.type == question?.type.rawValue && view.recordClass == question?.recordClass.rawValue, "QueryView reads another type or class")
        expect((view.edns == nil) == (message.edns == nil), "QueryView and the decoder disagree on EDNS")
        guard let extensions = view.edns, let edns = message.edns else { return }
        expect(
            extensions.udpPayloadSize == edns.udpPayloadSize && extensions.version == edns.version && extensions.flags == edns.flags,
            "QueryView reads other OPT fields")
        let cookie = extensions.cookie.map { Array(input[$0]) }
        expect(cookie == edns.option(.cookie)?.data, "QueryView reads another cookie")
        expect(extensions.asksForNSID == (edns.option(.nsid) != nil), "QueryView and the decoder disagree on NSID")
        expect(extensions.hasClientSubnet == (edns.option(.clientSubnet) != nil), "QueryView and the decoder disagree on Client Subnet")
    }

    /// Checks that the serial offsets the encoder reported for `encoded` are those of the SOA
    /// records of `message`.
    private static func checkSOASerials(of message: Message, in encoded: ByteBuffer, at offsets: [Int]) {
        let serials = (message.answers + message.authorities + message.additionals).compactMap { record -> UInt32? in
            guard case .soa(let soa) = record.rdata else { return nil }
            return soa.serial
        }
        let found = offsets.map { encoded.getInteger(at: encoded.readerIndex + $0, as: UInt32.self) }
        expect(found == serials.map(Optional.some), "the encoder reports serials \(found), the decoder \(serials)")
    }
}
