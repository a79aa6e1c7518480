public import DNSWire

/// Sees every answered query, for metrics; called on the query path, so it must be quick and must not block.
/// A class: the answer path holds it as a reference, which costs a retain to pass on, where a
/// value existential would be copied through its witness table for every query.
public protocol QueryObserver: AnyObject, Sendable {
    /// One response was built: the question's type (`TYPE0` when the question could not be read),
    /// the response code and the time from receiving the bytes to the encoded response.
    func observe(type: RecordType, rcode: ResponseCode, duration: Duration)
}
