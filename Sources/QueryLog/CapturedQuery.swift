internal import Glibc

/// One query and its response as the DNS listeners saw them, copied off the answer path for the
/// query logs: the client's address and the two messages in one allocation.
struct CapturedQuery: Sendable {
    /// The client address (4 or 16 bytes), the query, then the response.
    private let storage: [UInt8]
    private let addressLength: Int
    private let queryLength: Int
    /// Whether there is a response: a zone transfer (streamed in many messages) and a query left
    /// unanswered are logged as their query.
    let hasResponse: Bool
    let clientPort: UInt16
    let transport: QueryTransport
    let queryTime: WallTime
    let responseTime: WallTime
    /// Whether the sampled text log writes a line for it.
    let sampled: Bool

    init(
        query: UnsafeRawBufferPointer, response: UnsafeRawBufferPointer?, clientAddress: UnsafeRawBufferPointer, clientPort: UInt16,
        transport: QueryTransport, queryTime: WallTime, sampled: Bool
    ) {
        var storage = [UInt8]()
        storage.reserveCapacity(clientAddress.count + query.count + (response?.count ?? 0))
        storage.append(contentsOf: clientAddress)
        storage.append(contentsOf: query)
        if let response {
            storage.append(contentsOf: response)
        }
        self.storage = storage
        addressLength = clientAddress.count
        queryLength = query.count
        hasResponse = response != nil
        self.clientPort = clientPort
        self.transport = transport
        self.queryTime = queryTime
        responseTime = WallTime.now
        self.sampled = sampled
    }

    /// The bytes the queue counts against its bound.
    var byteCount: Int { storage.count }

    var clientAddress: ArraySlice<UInt8> { storage[0..<addressLength] }
    var query: ArraySlice<UInt8> { storage[addressLength..<addressLength + queryLength] }
    var response: ArraySlice<UInt8>? { hasResponse ? storage[(addressLength + queryLength)...] : nil }
}

/// A moment of the real-time clock, as dnstap records it: seconds and nanoseconds since 1970.
public struct WallTime: Sendable {
    let seconds: UInt64
    let nanoseconds: UInt32

    /// `clock_gettime(CLOCK_REALTIME)`, which the C library serves without a system call.
    public static var now: WallTime {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return WallTime(seconds: UInt64(max(0, time.tv_sec)), nanoseconds: UInt32(time.tv_nsec))
    }

    /// Microseconds from `start` to this moment.
    func microseconds(since start: WallTime) -> Int64 {
        (Int64(seconds) - Int64(start.seconds)) * 1_000_000 + (Int64(nanoseconds) - Int64(start.nanoseconds)) / 1000
    }
}
