import Authority
import Benchmark
import DNSWire
import EndpointTable
import NIOCore

/// The query path and the push path, one operation per iteration: decode a query, answer a
/// static and an MCS name from bytes to bytes (as a UDP worker does, and through the full
/// decode-and-encode path TCP takes), and apply one readiness delta to a full table.
///
/// Each sample runs 1000 operations (scaling factor kilo) and the figures are reported per
/// operation, so `Malloc (total)` reads as heap allocations per query, free of the harness's own
/// allocations per sample. `Instructions` needs hardware performance counters and is left out
/// of the report where the kernel offers none (as in most VMs).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .throughput],
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(2))

    let allocator = ByteBufferAllocator()
    let secret = Array(UInt8(1)...16)
    let settings = ResponderSettings(maxUDPPayload: 1232, cookieSecret: secret)
    let zones = ZoneSetPublisher(Zones.zoneSet)

    Benchmark("Decode query") { benchmark in
        let query = Queries.query("www.example.test")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var bytes = query
            blackHole(try bytes.readMessage())
        }
    }

    let staticAnswers = AnswerSource(zones: zones, table: { TableSnapshot.empty }, settings: DiscoverySettings(), seed: 1)
    let staticResponder = QueryResponder(answerSource: staticAnswers, settings: settings) { 1_767_225_600 }
    let resolverAddress = try! SocketAddress(ipAddress: "192.0.2.200", port: 40000)

    Benchmark("Answer static, UDP") { benchmark in
        let query = steadyStateQuery("www.example.test", responder: staticResponder, client: resolverAddress, allocator: allocator)
        answerRepeatedly(query, with: staticResponder.makeDatagramAnswerer(), from: [192, 0, 2, 200], benchmark: benchmark)
    }

    Benchmark("Answer static, UDP, no EDNS") { benchmark in
        var header = Header(id: 0x4A2F)
        header.recursionDesired = true
        var query = ByteBuffer()
        Message(header: header, questions: [Question(name: Zones.staticName, type: .a)]).encode(into: &query)
        answerRepeatedly(query, with: staticResponder.makeDatagramAnswerer(), from: [192, 0, 2, 200], benchmark: benchmark)
    }

    Benchmark("Answer static, full path") { benchmark in
        let query = steadyStateQuery("www.example.test", responder: staticResponder, client: resolverAddress, allocator: allocator)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(staticResponder.respond(to: query, from: resolverAddress, overTCP: true, allocator: allocator))
        }
    }

    let clusterSet = try! ClusterSet(services: 1000, clusters: 4, endpoints: 3)
    let table = clusterSet.table
    let mcsAnswers = AnswerSource(zones: zones, table: { table.snapshot }, settings: clusterSet.settings, seed: 1)
    let mcsResponder = QueryResponder(answerSource: mcsAnswers, settings: settings) { 1_767_225_600 }
    let podAddress = try! SocketAddress(ipAddress: "10.1.5.5", port: 40000)

    Benchmark("Answer MCS, UDP") { benchmark in
        let query = steadyStateQuery("svc-500.shop.svc.clusterset.local", responder: mcsResponder, client: podAddress, allocator: allocator)
        answerRepeatedly(query, with: mcsResponder.makeDatagramAnswerer(), from: [10, 1, 5, 5], benchmark: benchmark)
    }

    Benchmark("Answer MCS, full path") { benchmark in
        let query = steadyStateQuery("svc-500.shop.svc.clusterset.local", responder: mcsResponder, client: podAddress, allocator: allocator)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(mcsResponder.respond(to: query, from: podAddress, overTCP: true, allocator: allocator))
        }
    }

    Benchmark("Apply delta") { benchmark in
        let cluster = clusterSet.clusterIDs[0]
        let key = ClusterSet.key(500)
        let address = ClusterSet.endpointAddress(cluster: 0, service: 500, endpoint: 0)
        var generation = table.snapshot.clusters[cluster]!.generation
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            // Odd generations have the endpoint ready, even ones not, so every delta flips it.
            let next = generation + 1
            let change = TableChange.delta(
                cluster, baseGeneration: generation, generation: next,
                operations: [.setReadiness(key, address: address, ready: next % 2 == 1)])
            blackHole(try table.apply(change))
            generation = next
        }
    }
}

/// Answers `query` from `client` (address bytes) with `answerer` once per scaled iteration into
/// one reused buffer, as a UDP worker does; the first answer, which encodes, is made before measuring.
private func answerRepeatedly(_ query: ByteBuffer, with answerer: DatagramAnswerer, from client: [UInt8], benchmark: Benchmark) {
    let response = UnsafeMutableRawBufferPointer.allocate(byteCount: 65535, alignment: 16)
    defer { response.deallocate() }
    query.withUnsafeReadableBytes { bytes in
        client.withUnsafeBytes { address in
            blackHole(answerer.respond(to: bytes, clientAddress: address, into: response))
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(answerer.respond(to: bytes, clientAddress: address, into: response))
            }
        }
    }
}

/// A query for `name` carrying the full cookie pair a resolver sends once it has seen the
/// server's cookie: asks once with the client cookie alone and echoes the server's reply.
private func steadyStateQuery(_ name: String, responder: QueryResponder, client: SocketAddress, allocator: ByteBufferAllocator) -> ByteBuffer {
    var reply = responder.respond(to: Queries.query(name), from: client, overTCP: false, allocator: allocator)!
    let cookie = try! reply.readMessage().edns!.option(.cookie)!
    return Queries.query(name, cookie: cookie.data)
}
