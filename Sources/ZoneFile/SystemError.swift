#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of the last failed system call's error, such as "No such file or directory".
func lastSystemError() -> String {
    String(cString: strerror(errno))
}
