/// What encoding a message tells besides its bytes: whether records were left out, and where
/// the fields lie that a copy of the message patches later.
public struct EncodingReport: Sendable, Equatable {
    /// True when an answer or authority RRset did not fit and TC was set.
    public var truncated: Bool
    /// The offsets of the SOA records' serials from the message start, in message order.
    public var soaSerialOffsets: [Int]
}
