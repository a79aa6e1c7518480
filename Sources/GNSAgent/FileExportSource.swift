internal import Foundation
public import GNSModel
public import Logging

/// Exports read from a YAML or JSON file (see ``ExportFile``), re-read when its content changes,
/// with active health checks deciding the readiness of the endpoints of services that have one.
///
/// The file is read every `pollInterval`; a new content that does not parse is logged once, as one
/// line, and the last good state stays published.
///
///     let source = try FileExportSource(path: "exports.yaml", logger: logger)
///     try await source.run { exports, resync in … }
public struct FileExportSource: ExportSource {
    private let path: String
    private let initial: (file: ExportFile, content: [UInt8])
    private let pollInterval: Duration
    private let prober: any HealthProber
    private let logger: Logger

    /// Reads and checks the file now, so that a bad file stops the agent before it starts.
    public init(path: String, logger: Logger, pollInterval: Duration = .seconds(1)) throws(ExportFileError) {
        try self.init(path: path, logger: logger, pollInterval: pollInterval, prober: NetworkHealthProber())
    }

    init(path: String, logger: Logger, pollInterval: Duration, prober: any HealthProber) throws(ExportFileError) {
        self.path = path
        let content = try Self.read(path)
        initial = (try ExportFile(parsing: Self.text(content, path: path), file: path), content)
        self.pollInterval = pollInterval
        self.prober = prober
        self.logger = logger
    }

    /// Publishes the file's exports (with `resync`), then every change of the file or of a
    /// health verdict, until cancelled.
    public func run(publish: @escaping @Sendable (_ exports: [ServiceExport], _ resync: Bool) async -> Void) async throws {
        let board = HealthBoard(file: initial.file)
        let first = board.exports
        await publish(first, true)
        let (changes, changed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            group.addTask {
                var published = first
                for await _ in changes {
                    let exports = board.exports
                    guard exports != published else { continue }
                    published = exports
                    await publish(exports, false)
                }
            }
            group.addTask {
                var content = initial.content
                while !Task.isCancelled {
                    await withDiscardingTaskGroup { checks in
                        for target in board.targets {
                            checks.addTask { await check(target, on: board, changed: changed) }
                        }
                        await watch(from: &content, board: board, changed: changed)
                        checks.cancelAll()
                    }
                }
                changed.finish()
            }
        }
    }

    /// Checks `target` every interval until cancelled, announcing each flip of its verdict.
    private func check(_ target: HealthTarget, on board: HealthBoard, changed: AsyncStream<Void>.Continuation) async {
        let clock = ContinuousClock()
        var next = clock.now
        while !Task.isCancelled {
            let passed = await prober.probe(target.check, address: target.address)
            if !Task.isCancelled, let ready = board.record(target, passed: passed) {
                logger.notice("health check \(target): \(ready ? "ready" : "not ready")")
                changed.yield()
            }
            next = max(next + target.check.interval, clock.now)
            guard (try? await clock.sleep(until: next)) != nil else { return }
        }
    }

    /// Polls the file until its content changes to one that parses, then puts it on the board;
    /// returns at once when cancelled.
    private func watch(from content: inout [UInt8], board: HealthBoard, changed: AsyncStream<Void>.Continuation) async {
        var problem: ExportFileError?
        while (try? await Task.sleep(for: pollInterval)) != nil {
            do throws(ExportFileError) {
                let current = try Self.read(path)
                guard current != content else {
                    problem = nil
                    continue
                }
                content = current
                let file = try ExportFile(parsing: Self.text(current, path: path), file: path)
                board.replace(with: file)
                logger.info("export file reloaded", metadata: ["file": "\(path)", "services": "\(file.services.count)"])
                changed.yield()
                return
            } catch  where error != problem {
                problem = error
                logger.error("export file not used, keeping the last good state: \(error)")
            } catch {
                continue
            }
        }
    }

    private static func read(_ path: String) throws(ExportFileError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw ExportFileError(file: path, reason: reason)
        }
        return [UInt8](data)
    }

    private static func text(_ content: [UInt8], path: String) throws(ExportFileError) -> String {
        guard let text = String(validating: content, as: UTF8.self) else {
            throw ExportFileError(file: path, reason: "is not UTF-8 text")
        }
        return text
    }
}
