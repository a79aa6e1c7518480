internal import Foundation
internal import SwiftProtobuf

/// Turns a captured query into dnstap messages: AUTH_QUERY with the query, AUTH_RESPONSE with
/// the response and both times, each with the client's address and port, the transport, and the
/// server's identity and version, as Knot, BIND and Unbound write them.
struct DnstapEncoder {
    private let identity: Data
    private let version: Data
    private let logQueries: Bool
    private let logResponses: Bool

    init(settings: DnstapSettings) {
        identity = Data(settings.identity.utf8)
        version = Data(settings.version.utf8)
        logQueries = settings.logQueries
        logResponses = settings.logResponses
    }

    /// How many messages a capture becomes.
    func messageCount(for capture: CapturedQuery) -> Int {
        (logQueries ? 1 : 0) + (logResponses && capture.hasResponse ? 1 : 0)
    }

    /// The serialized `Dnstap` messages for `capture`.
    func messages(for capture: CapturedQuery) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        if logQueries {
            var message = base(capture, type: .authQuery)
            message.queryMessage = Data(capture.query)
            messages.append(serialize(message))
        }
        if logResponses, let response = capture.response {
            var message = base(capture, type: .authResponse)
            message.responseTimeSec = capture.responseTime.seconds
            message.responseTimeNsec = capture.responseTime.nanoseconds
            message.responseMessage = Data(response)
            messages.append(serialize(message))
        }
        return messages
    }

    private func base(_ capture: CapturedQuery, type: Dnstap_Message.TypeEnum) -> Dnstap_Message {
        var message = Dnstap_Message()
        message.type = type
        message.socketFamily = capture.clientAddress.count == 4 ? .inet : .inet6
        message.socketProtocol =
            switch capture.transport {
            case .udp: .udp
            case .tcp: .tcp
            case .tls: .dot
            }
        message.queryAddress = Data(capture.clientAddress)
        message.queryPort = UInt32(capture.clientPort)
        message.queryTimeSec = capture.queryTime.seconds
        message.queryTimeNsec = capture.queryTime.nanoseconds
        return message
    }

    private func serialize(_ message: Dnstap_Message) -> [UInt8] {
        var tap = Dnstap_Dnstap()
        tap.identity = identity
        tap.version = version
        tap.type = .message
        tap.message = message
        // Every required field (the two types) is set, so serializing cannot fail.
        return (try? tap.serializedBytes()) ?? []
    }
}
