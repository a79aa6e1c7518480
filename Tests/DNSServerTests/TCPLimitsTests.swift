import DNSServer
import NIOCore
import Testing

@Suite("DNS over TCP limits")
struct TCPLimitsTests {
    private static let query = ByteBuffer(string: "query")
    private static let expected = EchoResponder.expectedResponse(to: query, over: .tcp)

    @Test("with every place taken, a new connection closes the one that has gone longest without a message")
    func longestIdleIsEvicted() async throws {
        try await withDNSServer(configure: { $0.tcpMaxConnections = 2 }) { addresses in
            try await TCPTestConnection.with(addresses[0]) { oldest in
                try await oldest.send([Self.query])
                #expect(try await oldest.receive() == Self.expected)
                try await Task.sleep(for: .milliseconds(50))
                try await TCPTestConnection.with(addresses[0]) { recent in
                    try await recent.send([Self.query])
                    #expect(try await recent.receive() == Self.expected)
                    let newest = try await TCPTestConnection.with(addresses[0]) { newest in
                        try await newest.send([Self.query])
                        return try await newest.receive()
                    }
                    #expect(newest == Self.expected)
                    #expect(await oldest.isClosedByServer())
                    try await recent.send([Self.query])
                    #expect(try await recent.receive() == Self.expected)
                }
            }
        }
    }

    @Test("a client address beyond its connection limit is refused while its other connections are served")
    func perClientLimit() async throws {
        try await withDNSServer(configure: { $0.tcpMaxConnectionsPerClient = 1 }) { addresses in
            try await TCPTestConnection.with(addresses[0]) { first in
                try await first.send([Self.query])
                #expect(try await first.receive() == Self.expected)
                let secondClosed = try await TCPTestConnection.with(addresses[0]) { second in
                    await second.isClosedByServer()
                }
                #expect(secondClosed)
                try await first.send([Self.query])
                #expect(try await first.receive() == Self.expected)
            }
        }
    }

    @Test("a message trickling in a byte at a time is cut off after the message timeout")
    func tricklingMessageTimesOut() async throws {
        try await withDNSServer(configure: {
            $0.tcpIdleTimeout = .seconds(5)
            $0.tcpMessageTimeout = .milliseconds(300)
        }) { addresses in
            let start = ContinuousClock.now
            let closed = try await TCPTestConnection.with(addresses[0]) { connection in
                // Announces a 100-byte message, then sends one byte every 50 ms.
                try await connection.sendRaw(ByteBuffer(bytes: [0, 100]))
                for _ in 0..<30 {
                    try await Task.sleep(for: .milliseconds(50))
                    guard (try? await connection.sendRaw(ByteBuffer(bytes: [0x41]))) != nil else { break }
                }
                return await connection.isClosedByServer()
            }
            let elapsed = ContinuousClock.now - start
            #expect(closed)
            #expect(elapsed >= .milliseconds(250))
            #expect(elapsed < .milliseconds(1500))
        }
    }

    @Test("complete messages keep a connection open past the idle timeout")
    func completeMessagesRestartTheIdleClock() async throws {
        try await withDNSServer(configure: { $0.tcpIdleTimeout = .milliseconds(300) }) { addresses in
            try await TCPTestConnection.with(addresses[0]) { connection in
                for _ in 0..<6 {
                    try await Task.sleep(for: .milliseconds(150))
                    try await connection.send([Self.query])
                    #expect(try await connection.receive() == Self.expected)
                }
            }
        }
    }
}
