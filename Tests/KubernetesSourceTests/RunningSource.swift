import EndpointTable
import Foundation
import Logging
import TestKit
import TestSupport

@testable import KubernetesSource

/// A ``KubernetesExportSource`` running against a ``FakeAPIServer`` through a kubeconfig with a token file, with fast
/// timing, recording what it publishes.
struct RunningSource {
    static let timing = KubernetesWatchTiming(
        debounce: .milliseconds(30), watchTimeout: .seconds(30), requestTimeout: .seconds(5),
        initialBackoff: .milliseconds(20), maximumBackoff: .milliseconds(200), pageSize: 1, emptyListConfirmation: .milliseconds(500))

    let directory: TemporaryDirectory
    let recorder = PublishRecorder()
    private let task: Task<Void, any Error>

    /// Writes the token `token` and a kubeconfig for `api` (over HTTPS trusting ``TestCertificate`` with `https`), and
    /// starts a source watching `namespace` (all when `nil`).
    init(api: FakeAPIServer, token: String, namespace: String? = nil, https: Bool = false) throws {
        directory = try TemporaryDirectory()
        let kubeconfig = try api.writeKubeconfig(in: directory, token: token, https: https)
        var logger = Logger(label: "kubernetes-source-test")
        logger.logLevel = .critical
        let source = KubernetesExportSource(
            connection: try .kubeconfig(file: kubeconfig), logger: logger, namespace: namespace, timing: Self.timing)
        let recorder = recorder
        task = Task {
            defer { recorder.markReturned() }
            try await source.run { exports, resync in recorder.record(exports, resync) }
        }
    }

    /// Replaces the token file's contents, as a token rotation does.
    func rotateToken(_ token: String) throws {
        try directory.write("token", token)
    }

    /// Cancels the source and waits (at most 10 s) for `run` to return.
    func stop() async throws {
        task.cancel()
        guard try await eventually(within: .seconds(10), { recorder.hasReturned }) else {
            throw TimeoutError("the source did not stop within 10 s of being cancelled")
        }
        directory.remove()
        try await task.value
    }
}
