public import NIOCore

/// How long the push API's HTTP server waits for each part of a request, and how many
/// connections it keeps open at once.
///
/// ```swift
/// var limits = HTTPServerLimits()
/// limits.requestHeadTimeout = .seconds(2)
/// let app = api.buildApplication(limits: limits)
/// ```
public struct HTTPServerLimits: Sendable, Equatable {
    /// Time from a connection's opening until its first request head has arrived in full.
    public var requestHeadTimeout: TimeAmount
    /// Time from a request head until the end of its body.
    public var requestBodyTimeout: TimeAmount
    /// Time a keep-alive connection may wait after a response until the next request head has arrived in full.
    public var idleTimeout: TimeAmount
    /// Connections open at once; a new one past it closes the one that has waited longest for a request.
    public var maxConnections: Int
    /// Connections the kernel queues until gnsd accepts them (`listen(2)` backlog, capped by
    /// `net.core.somaxconn`): under a flood of connections a short queue drops an agent's
    /// connection request, which its kernel then retries only after a second or more.
    public var acceptBacklog: Int

    /// The production defaults: 5 s for a head, 60 s for a body, 75 s idle, 1024 connections,
    /// 1024 queued.
    public init(
        requestHeadTimeout: TimeAmount = .seconds(5),
        requestBodyTimeout: TimeAmount = .seconds(60),
        idleTimeout: TimeAmount = .seconds(75),
        maxConnections: Int = 1024,
        acceptBacklog: Int = 1024
    ) {
        self.requestHeadTimeout = requestHeadTimeout
        self.requestBodyTimeout = requestBodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.acceptBacklog = acceptBacklog
    }
}
