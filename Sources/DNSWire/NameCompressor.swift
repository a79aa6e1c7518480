internal import NIOCore

/// Remembers where names were written in a message so later names can point at them.
struct NameCompressor {
    private var offsets: [DomainName: UInt16] = [:]

    /// Writes `name`, replacing its longest already-written suffix with a pointer, and records
    /// the new suffixes. `messageStart` is the buffer index of the message's first byte.
    mutating func write(_ name: DomainName, into buffer: inout ByteBuffer, messageStart: Int) {
        var suffix = name
        while !suffix.isRoot {
            if let offset = offsets[suffix] {
                buffer.writeInteger(0xC000 | offset)
                return
            }
            let position = buffer.writerIndex - messageStart
            if position < 0x4000 {
                offsets[suffix] = UInt16(position)
            }
            let labelLength = Int(suffix.wire[0])
            buffer.writeBytes(suffix.wire[0...labelLength])
            suffix = suffix.parent ?? .root
        }
        buffer.writeInteger(UInt8(0))
    }

    /// Forgets the suffixes written at or after `offset`, after the writer rolled back.
    mutating func forget(offsetsFrom offset: Int) {
        offsets = offsets.filter { Int($0.value) < offset }
    }
}
