import NIOCore
import Testing

@testable import KubernetesSource

@Suite struct JSONLineBufferTests {
    private func strings(_ lines: [ByteBuffer]) -> [String] {
        lines.map { String(buffer: $0) }
    }

    @Test func splitsLinesAcrossAndWithinChunks() throws {
        var buffer = JSONLineBuffer(maximumLineLength: 100)
        #expect(strings(try buffer.append(ByteBuffer(string: #"{"a":1}"#))) == [])
        #expect(strings(try buffer.append(ByteBuffer(string: "\n{\"b\":"))) == [#"{"a":1}"#])
        #expect(strings(try buffer.append(ByteBuffer(string: "2}\n\r\n \n{\"c\":3}\n{\"d\""))) == [#"{"b":2}"#, #"{"c":3}"#])
        #expect(strings(try buffer.append(ByteBuffer(string: ":4}\n"))) == [#"{"d":4}"#])
    }

    @Test func refusesALineLongerThanTheLimit() throws {
        var buffer = JSONLineBuffer(maximumLineLength: 8)
        #expect(strings(try buffer.append(ByteBuffer(string: "12345678\n"))) == ["12345678"])
        #expect(throws: KubernetesAPIError.malformed("a watch event is longer than 8 bytes")) {
            _ = try buffer.append(ByteBuffer(string: "123456789"))
        }
    }
}
