import TestKit
import Testing

/// External commands: what they print and their status, the time limit, also against a program
/// that ignores SIGTERM and leaves a child holding its output, and cancellation.
struct ExternalCommandTests {
    @Test func keepsTheStatusAndBothOutputs() async throws {
        let output = try await ExternalCommand.run("sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(output.status == 3)
        #expect(output.standardOutput == "out\n")
        #expect(output.standardError == "err\n")
    }

    @Test func drainsMoreThanAPipeHolds() async throws {
        let output = try await ExternalCommand.run("head", ["-c", "1000000", "/dev/zero"])
        #expect(output.standardOutput.utf8.count == 1_000_000)
    }

    @Test(arguments: ["sleep 30", "trap '' TERM; sleep 30"])
    func throwsOnceTheTimeLimitHasPassed(script: String) async throws {
        let start = ContinuousClock.now
        await #expect(throws: ExternalCommand.Failure.self) {
            try await ExternalCommand.run("sh", ["-c", script], timeout: .seconds(1))
        }
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func cancellingStopsTheProgram() async throws {
        let run = Task { try await ExternalCommand.run("sleep", ["30"]) }
        try await Task.sleep(for: .milliseconds(300))
        let cancelled = ContinuousClock.now
        run.cancel()
        await #expect(throws: CancellationError.self) { try await run.value }
        #expect(ContinuousClock.now - cancelled < .seconds(10))
    }
}
