import EndpointTable
import Testing

@testable import GNSAgent

/// The board: verdicts replace the file's readiness of checked endpoints, and survive a reload.
struct HealthBoardTests {
    typealias F = AgentFixtures
    static let check = HealthCheck(kind: .tcp, port: 80, rise: 1, fall: 1)

    static func file(_ endpoints: [(String, ready: Bool)], checked: Bool = true) -> ExportFile {
        ExportFile(services: [
            .init(export: F.export(F.web, endpoints), healthCheck: checked ? check : nil),
            .init(export: F.export(F.db, serviceIP: "10.96.0.3", [("10.1.0.7", ready: true)]), healthCheck: nil),
        ])
    }

    static func target(_ address: String) -> HealthTarget {
        HealthTarget(service: F.web, address: IPAddress(address)!, check: check)
    }

    static func webReadiness(_ board: HealthBoard) -> [Bool] {
        board.exports.first { $0.key == F.web }!.endpoints.map(\.ready)
    }

    @Test func verdictsReplaceTheFilesReadiness() {
        let board = HealthBoard(file: Self.file([("10.1.0.1", ready: true), ("10.1.0.2", ready: false)]))
        #expect(board.targets == [Self.target("10.1.0.1"), Self.target("10.1.0.2")], "unchecked services have no targets")
        #expect(Self.webReadiness(board) == [true, false], "the file's readiness until a verdict")

        #expect(board.record(Self.target("10.1.0.1"), passed: true) == nil, "no flip")
        #expect(board.record(Self.target("10.1.0.1"), passed: false) == false)
        #expect(board.record(Self.target("10.1.0.2"), passed: true) == true)
        #expect(Self.webReadiness(board) == [false, true])
        #expect(board.exports.last == F.export(F.db, serviceIP: "10.96.0.3", [("10.1.0.7", ready: true)]))
        #expect(board.record(Self.target("10.9.9.9"), passed: false) == nil, "not in the file")
    }

    @Test func aReloadKeepsTheVerdictsOfChecksThatStay() {
        let board = HealthBoard(file: Self.file([("10.1.0.1", ready: true), ("10.1.0.2", ready: true)]))
        _ = board.record(Self.target("10.1.0.1"), passed: false)
        _ = board.record(Self.target("10.1.0.2"), passed: false)

        board.replace(with: Self.file([("10.1.0.1", ready: true), ("10.1.0.3", ready: true)]))
        #expect(Self.webReadiness(board) == [false, true], "10.1.0.1 keeps its verdict, 10.1.0.3 starts as the file says")
        #expect(board.targets == [Self.target("10.1.0.1"), Self.target("10.1.0.3")])

        board.replace(with: Self.file([("10.1.0.2", ready: true)]))
        #expect(Self.webReadiness(board) == [true], "a check that left the file starts over when it comes back")

        board.replace(with: Self.file([("10.1.0.2", ready: false)], checked: false))
        #expect(Self.webReadiness(board) == [false], "without a check the file decides")
        #expect(board.targets.isEmpty)
    }
}
