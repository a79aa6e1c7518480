/// The gnsd release this build belongs to.
public enum GNSDVersion {
    public static let current = "0.1.0"
}
