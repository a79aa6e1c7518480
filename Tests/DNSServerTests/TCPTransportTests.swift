import DNSServer
import NIOCore
import TestKit
import Testing

@Suite("DNS over TCP")
struct TCPTransportTests {
    @Test("pipelined queries on one connection are all answered", arguments: Loopback.allCases)
    func pipelinedQueries(loopback: Loopback) async throws {
        try await withDNSServer(on: [loopback]) { addresses in
            let queries = (0..<10).map { ByteBuffer(string: "query \($0) over \(loopback)") }
            let responses = try await TCPTestConnection.with(addresses[0]) { connection in
                try await connection.send(queries)
                var responses: [String] = []
                for _ in queries {
                    responses.append(String(buffer: try #require(try await connection.receive())))
                }
                return responses
            }
            let expected = queries.map { String(buffer: EchoResponder.expectedResponse(to: $0, over: .tcp)) }
            #expect(Set(responses) == Set(expected))
        }
    }

    @Test("a query split across several writes is reassembled")
    func splitQuery() async throws {
        try await withDNSServer { addresses in
            let query = ByteBuffer(string: "a query sent in pieces")
            let framed = TCPTestConnection.framed(query)
            let response = try await TCPTestConnection.with(addresses[0]) { connection in
                for (start, end) in [(0, 1), (1, 9), (9, framed.readableBytes)] {
                    try await connection.sendRaw(framed.getSlice(at: start, length: end - start)!)
                    try await Task.sleep(for: .milliseconds(20))
                }
                return try await connection.receive()
            }
            #expect(response == EchoResponder.expectedResponse(to: query, over: .tcp))
        }
    }

    @Test("a dropped query gets no response and the connection stays usable")
    func droppedQuery() async throws {
        try await withDNSServer { addresses in
            let query = ByteBuffer(string: "after the dropped one")
            let response = try await TCPTestConnection.with(addresses[0]) { connection in
                try await connection.send([ByteBuffer(string: EchoResponder.dropQuery), query])
                return try await connection.receive()
            }
            #expect(response == EchoResponder.expectedResponse(to: query, over: .tcp))
        }
    }

    @Test("after the client half-closes, the queries it sent are answered, then the connection closes")
    func clientHalfClose() async throws {
        try await withDNSServer { addresses in
            let queries = (0..<3).map { ByteBuffer(string: "query \($0)") }
            let responses = try await TCPTestConnection.with(addresses[0]) { connection in
                try await connection.send(queries)
                connection.finishSending()
                var responses: [ByteBuffer] = []
                while let response = try await connection.receive() {
                    responses.append(response)
                }
                return responses
            }
            #expect(responses == queries.map { EchoResponder.expectedResponse(to: $0, over: .tcp) })
        }
    }

    @Test("an idle connection is closed after the idle timeout")
    func idleTimeout() async throws {
        try await withDNSServer(configure: { $0.tcpIdleTimeout = .milliseconds(200) }) { addresses in
            let start = ContinuousClock.now
            let closed = try await TCPTestConnection.with(addresses[0]) { connection in
                await connection.isClosedByServer()
            }
            #expect(closed)
            #expect(ContinuousClock.now - start >= .milliseconds(150))
        }
    }

    @Test("a response worked out for longer than the idle timeout is sent, and the idle time counts from it")
    func idleTimeoutWaitsForAStreamedResponse() async throws {
        try await withDNSServer(configure: { $0.tcpIdleTimeout = .milliseconds(200) }) { addresses in
            let start = ContinuousClock.now
            let (responses, closed) = try await TCPTestConnection.with(addresses[0]) { connection in
                try await connection.send([ByteBuffer(string: EchoResponder.streamedQuery)])
                var responses: [ByteBuffer] = []
                while responses.count < 2, let response = try await connection.receive() {
                    responses.append(response)
                }
                let answered = ContinuousClock.now
                let closed = await connection.isClosedByServer()
                #expect(ContinuousClock.now - answered >= .milliseconds(150), "idle from the response, not from the query")
                return (responses, closed)
            }
            let echo = EchoResponder.expectedResponse(to: ByteBuffer(string: EchoResponder.streamedQuery), over: .tcp)
            #expect(responses == [echo, echo])
            #expect(closed)
            #expect(ContinuousClock.now - start >= .milliseconds(750))
        }
    }

    @Test("a message of length 0 closes the connection")
    func emptyMessageClosesConnection() async throws {
        try await withDNSServer { addresses in
            let closed = try await TCPTestConnection.with(addresses[0]) { connection in
                try await connection.sendRaw(ByteBuffer(bytes: [0, 0]))
                return await connection.isClosedByServer()
            }
            #expect(closed)
        }
    }

    @Test("a connection is closed after the most queries allowed")
    func queriesPerConnectionLimit() async throws {
        try await withDNSServer(configure: { $0.tcpMaxQueriesPerConnection = 2 }) { addresses in
            let queries = (0..<3).map { ByteBuffer(string: "query \($0)") }
            let responses = try await TCPTestConnection.with(addresses[0]) { connection in
                try await connection.send(queries)
                var responses: [ByteBuffer] = []
                while let response = try await connection.receive() {
                    responses.append(response)
                }
                return responses
            }
            #expect(responses == queries.prefix(2).map { EchoResponder.expectedResponse(to: $0, over: .tcp) })
        }
    }
}
