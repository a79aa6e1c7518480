import Foundation
import TestKit
import Testing

@testable import QueryLog

/// The writer's two destinations: a file holds START, the frames and STOP, byte for byte; a
/// socket nobody listens on drops and counts the frames, with one warning however many retries.
struct FrameStreamWriterTests {
    static let contentType = Array("protobuf:dnstap.Dnstap".utf8)

    @Test func fileHoldsOneWholeStream() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/tap.fstrm"
        try directory.write("tap.fstrm", "earlier contents, truncated at start")
        let writer = FrameStreamWriter(destination: .file(path), contentType: Self.contentType, logger: LogRecorder().logger())
        writer.write([1, 2, 3])
        writer.write([4])
        writer.flush()
        writer.finish()
        var expected: [UInt8] = []
        FrameStreamFrame.appendControl(.start, contentType: Self.contentType, to: &expected)
        expected += [0, 0, 0, 3, 1, 2, 3, 0, 0, 0, 1, 4]
        FrameStreamFrame.appendControl(.stop, contentType: nil, to: &expected)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == expected)
        #expect(writer.framesWritten == 2)
        #expect(writer.framesDropped == 0)
    }

    @Test func unopenableFileStopsWithOneError() {
        let log = LogRecorder()
        let writer = FrameStreamWriter(destination: .file("/nonexistent-dir/tap.fstrm"), contentType: Self.contentType, logger: log.logger())
        writer.write([1])
        writer.write([2])
        #expect(writer.framesDropped == 2)
        #expect(log.messages == ["error: dnstap stopped: cannot open /nonexistent-dir/tap.fstrm: No such file or directory"])
    }

    @Test func absentCollectorDropsAndWarnsOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = LogRecorder()
        let writer = FrameStreamWriter(destination: .socket(directory.path + "/none.sock"), contentType: Self.contentType, logger: log.logger())
        for _ in 0..<3 {
            writer.write([1])
        }
        writer.flush()
        writer.finish()
        #expect(writer.framesDropped == 3)
        #expect(writer.framesWritten == 0)
        #expect(log.messages.count == 1)
        #expect(log.messages.first?.hasPrefix("warning: dnstap socket \(directory.path)/none.sock unavailable") == true)
    }
}
