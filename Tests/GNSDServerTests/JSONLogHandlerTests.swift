import Foundation
import GNSDServer
import Logging
import Synchronization
import Testing

@Suite("log.format json: one JSON object per line with stable field names")
struct JSONLogHandlerTests {
    /// The lines a handler wrote.
    final class Lines: Sendable {
        private let written = Mutex<[String]>([])

        func append(_ line: String) {
            written.withLock { $0.append(line) }
        }

        var all: [String] { written.withLock { $0 } }
    }

    /// A logger at `level` whose lines land in the returned ``Lines``.
    static func logger(level: Logger.Level = .info) -> (Logger, Lines) {
        let lines = Lines()
        let handler = JSONLogHandler(label: "gnsd") { line in lines.append(line) }
        var logger = Logger(label: "gnsd") { _ in handler }
        logger.logLevel = level
        return (logger, lines)
    }

    /// `line` without its time, which varies, after checking that it is RFC 3339 in UTC.
    static func withoutTime(_ line: String) throws -> String {
        let prefix = #"{"time":""#
        try #require(line.hasPrefix(prefix), "\(line)")
        let time = line.dropFirst(prefix.count).prefix(24)
        #expect(time.count == 24 && time.hasSuffix("Z") && time.dropFirst(10).hasPrefix("T"), "\(time)")
        return "{" + line.dropFirst(prefix.count + 26)
    }

    @Test func fieldsComeInOrderWithMetadataSortedAfterThem() throws {
        let (logger, lines) = Self.logger()
        logger.info("cluster registered", metadata: ["zone": "us-west-2a", "cluster": "aws-west", "endpoints": "3"])
        logger.debug("not at info")
        let written = lines.all
        #expect(written.count == 1)
        #expect(written.first?.hasSuffix("}\n") == true)
        #expect(
            try Self.withoutTime(written[0])
                == #"{"level":"info","logger":"gnsd","module":"GNSDServerTests","message":"cluster registered","cluster":"aws-west","endpoints":"3","zone":"us-west-2a"}"#
                + "\n")
    }

    @Test func textIsEscapedAndNestedValuesStayJSON() throws {
        let (logger, lines) = Self.logger()
        logger.notice(
            "write refused: \"bad\" \\ path\nnext\u{1}",
            metadata: ["message": "clash", "list": ["a", "b"], "map": ["y": "2", "x": ["1"]], "tab": "a\tb", "é": "ü"])
        let line = try #require(lines.all.first)
        #expect(
            try Self.withoutTime(line)
                == #"{"level":"notice","logger":"gnsd","module":"GNSDServerTests","message":"write refused: \"bad\" \\ path\nnext\u0001","list":["a","b"],"map":{"x":["1"],"y":"2"},"metadata.message":"clash","tab":"a\tb","é":"ü"}"#
                + "\n")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(parsed["message"] as? String == "write refused: \"bad\" \\ path\nnext\u{1}")
        #expect(parsed["metadata.message"] as? String == "clash")
    }

    @Test func loggerMetadataAndExplicitMetadataMergeTheExplicitWinning() throws {
        var (logger, lines) = Self.logger()
        logger[metadataKey: "cluster"] = "aws-west"
        logger[metadataKey: "replica"] = "1"
        logger.warning("lease lapsed", metadata: ["cluster": "gcp-east"])
        let line = try #require(lines.all.first)
        #expect(
            try Self.withoutTime(line)
                == #"{"level":"warning","logger":"gnsd","module":"GNSDServerTests","message":"lease lapsed","cluster":"gcp-east","replica":"1"}"#
                + "\n")
    }
}
