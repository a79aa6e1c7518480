import DNSServer
import NIOCore
import NIOPosix
import ServiceLifecycle
import TestKit
import Testing

@Suite("DNS server lifecycle")
struct DNSServerLifecycleTests {
    @Test("UDP and TCP of each address share one ephemeral port")
    func sharedEphemeralPort() async throws {
        try await withDNSServer(on: [.v4, .v6]) { addresses in
            #expect(addresses.map(\.ipAddress) == ["127.0.0.1", "::1"])
            for address in addresses {
                #expect(address.port != 0)
                let query = ByteBuffer(string: "both transports")
                let udp = try await UDPTestClient.exchange([query], with: address, expecting: 1)
                #expect(udp == [EchoResponder.expectedResponse(to: query, over: .udp)])
                let tcp = try await TCPTestConnection.with(address) { connection in
                    try await connection.send([query])
                    return try await connection.receive()
                }
                #expect(tcp == EchoResponder.expectedResponse(to: query, over: .tcp))
            }
        }
    }

    @Test("graceful shutdown answers the query in flight, closes open connections and makes run() return")
    func gracefulShutdown() async throws {
        try await withTimeout {
            let (slowQueryStarted, slowQueryStart) = AsyncStream.makeStream(of: Void.self)
            let server = DNSServer(
                configuration: DNSServerConfiguration(listen: [Loopback.v4.address]),
                responder: EchoResponder(slowQueryStarted: { slowQueryStart.yield() }),
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: .silent
            )
            let serviceGroup = ServiceGroup(services: [server], logger: .silent)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await serviceGroup.run() }
                let address = try await server.listeningAddresses()[0]
                let query = ByteBuffer(string: "before shutdown")
                let inFlight = ByteBuffer(string: EchoResponder.slowQuery)
                try await TCPTestConnection.with(address) { idle in
                    try await idle.send([query])
                    #expect(try await idle.receive() == EchoResponder.expectedResponse(to: query, over: .tcp))
                    try await TCPTestConnection.with(address) { busy in
                        try await busy.send([inFlight])
                        await slowQueryStarted.first { _ in true }
                        await serviceGroup.triggerGracefulShutdown()
                        #expect(try await busy.receive() == EchoResponder.expectedResponse(to: inFlight, over: .tcp))
                        #expect(await busy.isClosedByServer())
                    }
                    #expect(await idle.isClosedByServer())
                }
                try await group.next()
            }
        }
    }

    @Test("cancellation closes open connections and makes run() return")
    func cancellation() async throws {
        try await withTimeout {
            let server = DNSServer(
                configuration: DNSServerConfiguration(listen: [Loopback.v4.address]),
                responder: EchoResponder(),
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: .silent
            )
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.run() }
                let address = try await server.listeningAddresses()[0]
                try await TCPTestConnection.with(address) { connection in
                    let query = ByteBuffer(string: "before cancellation")
                    try await connection.send([query])
                    #expect(try await connection.receive() == EchoResponder.expectedResponse(to: query, over: .tcp))
                    group.cancelAll()
                    #expect(await connection.isClosedByServer())
                }
                try await group.next()
            }
        }
    }

    @Test("a port taken for TCP makes run() and listeningAddresses() throw")
    func bindFailure() async throws {
        try await withTimeout {
            let occupant = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(to: Loopback.v4.address).get()
            let server = DNSServer(
                configuration: DNSServerConfiguration(listen: [occupant.localAddress!]),
                responder: EchoResponder(),
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: .silent
            )
            let error = await #expect(throws: ListenError.self) { try await server.run() }
            #expect(error?.description == "cannot listen for DNS over TCP on 127.0.0.1:\(occupant.localAddress!.port!): address already in use")
            await #expect(throws: ListenError.self) { try await server.listeningAddresses() }
            try await occupant.close()
        }
    }

    @Test("a configuration without listen address is refused")
    func emptyListen() async throws {
        let server = DNSServer(
            configuration: DNSServerConfiguration(listen: []),
            responder: EchoResponder(),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: .silent
        )
        await #expect(throws: (any Error).self) { try await server.run() }
    }
}
