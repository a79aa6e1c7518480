internal import DNSWire
internal import Logging
internal import NIOCore

/// The sampled text query log's line for one query: who asked what over which transport, the
/// response code, how many answer records, the response's size and how long answering took. A
/// query without a response (a zone transfer, streamed in many messages, or a query left
/// unanswered) has `rcode=none`.
///
///     query  client=127.0.0.1#53124 proto=udp name=catalog.acme.local. type=A rcode=NOERROR answers=2 bytes=84 microseconds=14
enum TextQueryLine {
    static func metadata(for capture: CapturedQuery) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "client": "\(clientText(capture))",
            "proto": "\(protoText(capture.transport))",
        ]
        var query = ByteBuffer(bytes: capture.query)
        if let question = (try? query.readMessage())?.questions.first {
            metadata["name"] = "\(question.name)"
            metadata["type"] = "\(question.type)"
        } else {
            metadata["name"] = "-"
        }
        if let response = capture.response {
            var buffer = ByteBuffer(bytes: response)
            if let message = try? buffer.readMessage() {
                metadata["rcode"] = "\(message.rcode)"
                metadata["answers"] = "\(message.answers.count)"
            }
            metadata["bytes"] = "\(response.count)"
        } else {
            metadata["rcode"] = "none"
        }
        metadata["microseconds"] = "\(capture.responseTime.microseconds(since: capture.queryTime))"
        return metadata
    }

    private static func clientText(_ capture: CapturedQuery) -> String {
        let address = Array(capture.clientAddress)
        let text = IPv4Address(octets: address)?.description ?? IPv6Address(octets: address)?.description ?? "-"
        return "\(text)#\(capture.clientPort)"
    }

    private static func protoText(_ transport: QueryTransport) -> String {
        switch transport {
        case .udp: "udp"
        case .tcp: "tcp"
        case .tls: "tls"
        }
    }
}
