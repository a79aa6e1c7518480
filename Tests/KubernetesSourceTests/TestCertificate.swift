import Foundation

/// A self-signed certificate (CA, for 127.0.0.1 and localhost, valid to 2126) and its key, made for these tests only.
enum TestCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBrzCCAVWgAwIBAgIUYfq/388OUolYE9A3KBZH2DV0FhIwCgYIKoZIzj0EAwIw
        HjEcMBoGA1UEAwwTZ25zZC10ZXN0LWFwaXNlcnZlcjAgFw0yNjExMjIyMTAxMzFa
        GA8yMTI2MTAyOTIxMDEzMVowHjEcMBoGA1UEAwwTZ25zZC10ZXN0LWFwaXNlcnZl
        cjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABD6JqoAXtmH6k4WgsH/zeiQi1cRi
        yGauXqqIVTq9lYBqs3KVAyqbjk1hz+VxGTMFmNbJVQMTZgfcRGuUDT4uEFijbzBt
        MB0GA1UdDgQWBBTW1K+woRFoqp33kU73+/RAlQTEKTAfBgNVHSMEGDAWgBTW1K+w
        oRFoqp33kU73+/RAlQTEKTAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwDwYD
        VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiB5Wmm+rT9clWA4CnxR7hPI
        nBnNzXFF52Epwzrwk9pt8gIhALAbBtkeasmoS0iQewB8jKNaRIVjLIxgPCEiLXCs
        vh2H
        -----END CERTIFICATE-----
        """

    static let keyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgZle+kGqbobHjc7Sy
        XMygL0hCWmhMY9w8RiG7N4xvbv2hRANCAAQ+iaqAF7Zh+pOFoLB/83okItXEYshm
        rl6qiFU6vZWAarNylQMqm45NYc/lcRkzBZjWyVUDE2YH3ERrlA0+LhBY
        -----END PRIVATE KEY-----
        """

    /// The certificate PEM in base64, as a kubeconfig's `*-data` fields hold it.
    static var certificateBase64: String { Data(certificatePEM.utf8).base64EncodedString() }

    /// The key PEM in base64.
    static var keyBase64: String { Data(keyPEM.utf8).base64EncodedString() }
}
