import Testing

@testable import QueryLog

/// Frame Streams framing: the exact bytes of control and data frames, and reading control frames
/// back, malformed ones refused.
struct FrameStreamFrameTests {
    static let contentType = Array("protobuf:dnstap.Dnstap".utf8)

    @Test func startFrameNamesTheContentType() {
        var bytes: [UInt8] = []
        FrameStreamFrame.appendControl(.start, contentType: Self.contentType, to: &bytes)
        #expect(bytes == [0, 0, 0, 0, 0, 0, 0, 34, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 22] + Self.contentType)
    }

    @Test func stopFrameHasNoFields() {
        var bytes: [UInt8] = []
        FrameStreamFrame.appendControl(.stop, contentType: nil, to: &bytes)
        #expect(bytes == [0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 3])
    }

    @Test func dataFrameIsLengthThenPayload() {
        var bytes: [UInt8] = []
        FrameStreamFrame.appendData([0xAA, 0xBB, 0xCC], to: &bytes)
        #expect(bytes == [0, 0, 0, 3, 0xAA, 0xBB, 0xCC])
    }

    @Test func controlFramesReadBack() throws {
        var bytes: [UInt8] = []
        FrameStreamFrame.appendControl(.accept, contentType: Self.contentType, to: &bytes)
        let parsed = try #require(FrameStreamFrame.parseControl(Array(bytes[8...])))
        #expect(parsed.control == .accept)
        #expect(parsed.contentTypes == [Self.contentType])
        let bare = try #require(FrameStreamFrame.parseControl([0, 0, 0, 5]))
        #expect(bare.control == .finish)
        #expect(bare.contentTypes.isEmpty)
    }

    @Test(arguments: [
        [UInt8](),  // no type
        [0, 0, 0, 9],  // unknown type
        [0, 0, 0, 1, 0, 0, 0, 1],  // a field cut before its length
        [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 30, 0x41],  // a field longer than the frame
    ])
    func malformedControlFramesAreRefused(body: [UInt8]) {
        #expect(FrameStreamFrame.parseControl(body) == nil)
    }
}
