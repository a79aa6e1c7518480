import CDatagramBatch
import Glibc
import NIOCore
import Synchronization

/// Tells the worker threads of a UDP listener to stop: a flag they check between batches and an
/// eventfd that wakes the ones blocked waiting for datagrams.
final class UDPStopSignal: Sendable {
    let descriptor: Int32
    private let flag = Atomic<Bool>(false)

    init() throws {
        descriptor = eventfd(0, Int32(EFD_CLOEXEC))
        guard descriptor >= 0 else { throw IOError(errnoCode: errno, reason: "eventfd") }
    }

    deinit {
        close(descriptor)
    }

    var isSet: Bool { flag.load(ordering: .acquiring) }

    /// Fires the signal; later calls do nothing.
    func fire() {
        guard !flag.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var one: UInt64 = 1
        _ = write(descriptor, &one, MemoryLayout<UInt64>.size)
    }
}
