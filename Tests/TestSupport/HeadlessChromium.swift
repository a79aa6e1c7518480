import Foundation
public import TestKit

/// Debian's Chromium without a screen, kept to loopback: it resolves no host name (so it can
/// reach only the 127.0.0.1 and ::1 literals the tests give it) and makes none of its own
/// background requests; a fresh profile per call.
///
///     let dom = try await HeadlessChromium.dom(of: "http://127.0.0.1:\(port)/ui")
public enum HeadlessChromium {
    /// The document after loading `url`, serialized as Chromium's DOM holds it.
    public static func dom(of url: String) async throws -> String {
        try await run(["--dump-dom", url]).standardOutput
    }

    /// Loads `url` in a window `width`×`height` and writes a PNG screenshot of it to `file`.
    public static func screenshot(of url: String, to file: String, width: Int = 1280, height: Int = 900) async throws {
        _ = try await run(["--screenshot=\(file)", "--window-size=\(width),\(height)", "--hide-scrollbars", url])
    }

    private static func run(_ arguments: [String]) async throws -> ExternalCommand.Output {
        let profile = try TemporaryDirectory()
        defer { profile.remove() }
        let isolation = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-domain-reliability", "--no-pings", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE [::1]",
            "--user-data-dir=\(profile.path)",
        ]
        let output = try await ExternalCommand.run("chromium", isolation + arguments, timeout: .seconds(60))
        guard output.status == 0 else {
            throw ExternalCommand.Failure(description: "chromium failed (\(output.status)): \(output.standardError.suffix(2000))")
        }
        return output
    }
}
