#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer's entry point for programs with their own `main` (LLVM `FuzzerInterface.h`):
/// parses libFuzzer's options from `argv` and calls `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs one ``FuzzTarget`` under libFuzzer, which is linked in without its own `main`.
enum LibFuzzer {
    /// The target the C callback runs; set once before libFuzzer starts.
    nonisolated(unsafe) private static var target = FuzzTarget.dnsMessage

    /// Fuzzes `target` with libFuzzer's command-line `arguments` (program name first); returns
    /// libFuzzer's exit status. A crash does not return: libFuzzer writes the input and exits.
    static func run(_ target: FuzzTarget, arguments: [String]) -> CInt {
        self.target = target
        target.prepare()
        var argc = CInt(arguments.count)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        return argv.withUnsafeMutableBufferPointer { buffer in
            var pointer = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &pointer) { data, size in
                LibFuzzer.target.run(UnsafeRawBufferPointer(start: data, count: size))
                return 0
            }
        }
    }
}
