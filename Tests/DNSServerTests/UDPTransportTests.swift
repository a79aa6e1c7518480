import DNSServer
import NIOCore
import NIOPosix
import TestKit
import Testing

@Suite("DNS over UDP")
struct UDPTransportTests {
    @Test("a datagram is answered to its sender", arguments: Loopback.allCases)
    func roundTrip(loopback: Loopback) async throws {
        try await withDNSServer(on: [loopback]) { addresses in
            let query = ByteBuffer(string: "query over \(loopback)")
            let responses = try await UDPTestClient.exchange([query], with: addresses[0], expecting: 1)
            #expect(responses == [EchoResponder.expectedResponse(to: query, over: .udp)])
        }
    }

    @Test("no datagram is sent when the responder drops the query")
    func droppedQueryGetsNoReply() async throws {
        try await withDNSServer { addresses in
            await #expect(throws: TimeoutError.self) {
                try await withTimeout(.milliseconds(300)) {
                    try await UDPTestClient.exchange(
                        [ByteBuffer(string: EchoResponder.dropQuery)],
                        with: addresses[0],
                        expecting: 1
                    )
                }
            }
        }
    }

    @Test("a 4000-byte datagram arrives whole through vector reads")
    func largeDatagramIsNotCut() async throws {
        try await withDNSServer { addresses in
            let query = ByteBuffer(bytes: (0..<4000).map { UInt8(truncatingIfNeeded: $0 * 7) })
            let responses = try await UDPTestClient.exchange([query], with: addresses[0], expecting: 1)
            #expect(responses.first?.readableBytes == 4001)
            #expect(responses == [EchoResponder.expectedResponse(to: query, over: .udp)])
        }
    }

    @Test("every datagram of a burst is answered, by one worker or several sharing the port", arguments: [1, 3])
    func burstIsFullyAnswered(workers: Int) async throws {
        try await withDNSServer(configure: { $0.udpWorkers = workers }) { addresses in
            let queries = (0..<300).map { ByteBuffer(string: "query \($0)") }
            let responses = try await UDPTestClient.exchange(queries, with: addresses[0], expecting: queries.count)
            let expected = queries.map { EchoResponder.expectedResponse(to: $0, over: .udp) }
            #expect(Set(responses.map { String(buffer: $0) }) == Set(expected.map { String(buffer: $0) }))
        }
    }

    @Test("a UDP port another socket holds makes run() throw, even with workers sharing the port", arguments: [1, 3])
    func portTakenForUDP(workers: Int) async throws {
        try await withTimeout {
            let occupant = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(to: Loopback.v4.address).get()
            var configuration = DNSServerConfiguration(listen: [occupant.localAddress!])
            configuration.udpWorkers = workers
            let server = DNSServer(
                configuration: configuration, responder: EchoResponder(), eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: .silent)
            let error = await #expect(throws: ListenError.self) { try await server.run() }
            #expect(error?.description == "cannot listen for DNS over UDP on 127.0.0.1:\(occupant.localAddress!.port!): address already in use")
            try await occupant.close()
        }
    }
}
