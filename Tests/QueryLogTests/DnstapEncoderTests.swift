import Foundation
import Testing

@testable import QueryLog

/// A captured query becomes AUTH_QUERY and AUTH_RESPONSE messages with the fields dnstap readers
/// show; the text log line says the same in words.
struct DnstapEncoderTests {
    /// `www.acme.local. A` with RD, id 0x1234.
    static let query: [UInt8] =
        [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        + [3] + Array("www".utf8) + [4] + Array("acme".utf8) + [5] + Array("local".utf8) + [0, 0, 1, 0, 1]
    /// Its answer: QR AA RD, one A record 192.0.2.1 with a TTL of 60.
    static let response: [UInt8] =
        [0x12, 0x34, 0x85, 0x00, 0, 1, 0, 1, 0, 0, 0, 0] + Array(query[12...])
        + [0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]

    static func capture(address: [UInt8], transport: QueryTransport, response: [UInt8]?) -> CapturedQuery {
        query.withUnsafeBytes { query in
            address.withUnsafeBytes { address in
                let make = { (response: UnsafeRawBufferPointer?) in
                    CapturedQuery(
                        query: query, response: response, clientAddress: address, clientPort: 40000, transport: transport,
                        queryTime: WallTime(seconds: 1_800_000_000, nanoseconds: 5000), sampled: true)
                }
                return response.map { $0.withUnsafeBytes { make($0) } } ?? make(nil)
            }
        }
    }

    static let settings = DnstapSettings(destination: .file("/dev/null"), identity: "ns1", version: "gnsd 1.0")

    @Test func queryAndResponseMessages() throws {
        let capture = Self.capture(address: [127, 0, 0, 1], transport: .udp, response: Self.response)
        let messages = try DnstapEncoder(settings: Self.settings).messages(for: capture).map { try Dnstap_Dnstap(serializedBytes: $0) }
        try #require(messages.count == 2)
        for tap in messages {
            #expect(tap.type == .message)
            #expect(tap.identity == Data("ns1".utf8))
            #expect(tap.version == Data("gnsd 1.0".utf8))
            #expect(tap.message.socketFamily == .inet)
            #expect(tap.message.socketProtocol == .udp)
            #expect(tap.message.queryAddress == Data([127, 0, 0, 1]))
            #expect(tap.message.queryPort == 40000)
            #expect(tap.message.queryTimeSec == 1_800_000_000)
            #expect(tap.message.queryTimeNsec == 5000)
        }
        #expect(messages[0].message.type == .authQuery)
        #expect(messages[0].message.queryMessage == Data(Self.query))
        #expect(!messages[0].message.hasResponseMessage)
        #expect(messages[1].message.type == .authResponse)
        #expect(messages[1].message.responseMessage == Data(Self.response))
        #expect(messages[1].message.hasResponseTimeSec)
        #expect(!messages[1].message.hasQueryMessage)
    }

    @Test func transportsAndFamilies() throws {
        let encoder = DnstapEncoder(settings: Self.settings)
        let tls = Self.capture(address: [UInt8](repeating: 0, count: 15) + [1], transport: .tls, response: Self.response)
        let message = try Dnstap_Dnstap(serializedBytes: try #require(encoder.messages(for: tls).first)).message
        #expect(message.socketFamily == .inet6)
        #expect(message.socketProtocol == .dot)
        let tcp = Self.capture(address: [127, 0, 0, 1], transport: .tcp, response: Self.response)
        #expect(try Dnstap_Dnstap(serializedBytes: try #require(encoder.messages(for: tcp).first)).message.socketProtocol == .tcp)
    }

    @Test func messageSelection() {
        var settings = Self.settings
        settings.logResponses = false
        let answered = Self.capture(address: [127, 0, 0, 1], transport: .udp, response: Self.response)
        #expect(DnstapEncoder(settings: settings).messageCount(for: answered) == 1)
        settings.logResponses = true
        settings.logQueries = false
        #expect(DnstapEncoder(settings: settings).messages(for: answered).count == 1)
        let unanswered = Self.capture(address: [127, 0, 0, 1], transport: .udp, response: nil)
        #expect(DnstapEncoder(settings: settings).messageCount(for: unanswered) == 0)
        #expect(DnstapEncoder(settings: Self.settings).messages(for: unanswered).count == 1, "the query alone")
    }

    @Test func textLine() {
        let capture = Self.capture(address: [UInt8](repeating: 0, count: 15) + [1], transport: .tcp, response: Self.response)
        let metadata = TextQueryLine.metadata(for: capture).mapValues(\.description)
        #expect(metadata["client"] == "::1#40000")
        #expect(metadata["proto"] == "tcp")
        #expect(metadata["name"] == "www.acme.local.")
        #expect(metadata["type"] == "A")
        #expect(metadata["rcode"] == "NOERROR")
        #expect(metadata["answers"] == "1")
        #expect(metadata["bytes"] == "\(Self.response.count)")
        let unanswered = TextQueryLine.metadata(for: Self.capture(address: [10, 0, 0, 1], transport: .udp, response: nil))
        #expect(unanswered["rcode"] == "none")
        #expect(unanswered["client"] == "10.0.0.1#40000")
    }
}
