/// Where a query comes from, for locality: the transport's source address and the EDNS Client
/// Subnet, when the query carried one.
public struct ClientContext: Hashable, Sendable {
    /// The source address bytes (4 or 16), empty when unknown.
    public var sourceAddress: [UInt8]
    public var clientSubnet: ClientSubnet?

    /// A client at `sourceAddress` (4 or 16 bytes; empty when unknown), with the subnet its resolver sent.
    public init(sourceAddress: [UInt8] = [], clientSubnet: ClientSubnet? = nil) {
        self.sourceAddress = sourceAddress
        self.clientSubnet = clientSubnet
    }
}
