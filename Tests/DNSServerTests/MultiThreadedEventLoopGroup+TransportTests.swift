import NIOPosix

extension MultiThreadedEventLoopGroup {
    /// The event loops of the transport tests' servers and clients, theirs alone: work that other
    /// tests running beside them put on the shared loops (a loop blocked on purpose, an in-process
    /// server's answers) cannot delay the idle and message timeouts these tests measure.
    static let transportTests = MultiThreadedEventLoopGroup(numberOfThreads: 2)
}
