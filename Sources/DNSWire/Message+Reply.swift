extension Message {
    /// An empty response to a query with `header`: same ID and opcode, RD and CD copied, QR set,
    /// and `rcode`.
    public init(replyingTo header: Header, rcode: ResponseCode) {
        var response = Header(id: header.id)
        response.isResponse = true
        response.opcode = header.opcode
        response.recursionDesired = header.recursionDesired
        response.checkingDisabled = header.checkingDisabled
        self.init(header: response)
        self.rcode = rcode
    }
}
