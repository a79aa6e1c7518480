import Authority
import DNSWire
import EndpointTable
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PushAPI
import ServerMetrics
import Synchronization
import TestKit

/// A push API over a fresh in-memory table on a manual lease clock, with a readiness switch,
/// an answer source answering `clusterset.local` from the table and an audit trail in memory.
struct APITestHarness: Sendable {
    let table: EndpointTable
    let clock: ManualLeaseClock
    let metrics: GNSDMetrics
    let readiness: ReadinessSwitch
    let audit: AuditTrail
    let api: PushAPI

    init(
        settings: APISettings = APISettings(), tableSettings: TableSettings = TableSettings(),
        store: any EndpointStore = InMemoryEndpointStore(), ready: Bool = true, log: LogRecorder? = nil
    ) throws {
        let clock = ManualLeaseClock()
        let readiness = ReadinessSwitch(ready)
        self.clock = clock
        self.readiness = readiness
        table = try EndpointTable(store: store, clock: clock, settings: tableSettings)
        metrics = GNSDMetrics()
        let table = table
        let answerSource = AnswerSource(zones: ZoneSetPublisher(try Self.zones()), table: { table.snapshot }, settings: DiscoverySettings(), seed: 1)
        var logger = log?.logger(level: .info) ?? Logger(label: "gnsd.test")
        logger.logLevel = log == nil ? .warning : .info
        audit = try AuditTrail(settings: AuditSettings(maxRecords: 100), store: nil, logger: logger, now: { Self.auditTime })
        api = PushAPI(
            settings: settings, table: table, answerSource: answerSource, clock: clock, metrics: metrics, audit: audit, logger: logger
        ) {
            readiness.isOn
        }
    }

    /// The time the audit trail gives every record: 2026-12-07T10:00:00Z.
    static let auditTime = Date(timeIntervalSince1970: 1_796_637_600)

    /// The `clusterset.local` zone: an SOA and nothing else.
    static func zones() throws -> ZoneSet {
        let origin = DiscoverySettings.defaultClustersetDomain
        let soa = SOARecord(
            primaryServer: try DomainName("ns1.clusterset.local."), responsibleMailbox: try DomainName("hostmaster.clusterset.local."),
            serial: 2026010100, refresh: 7200, retry: 3600, expire: 1209600, minimum: 30)
        return try ZoneSet(zones: [Zone(origin: origin, records: [ResourceRecord(name: origin, ttl: 3600, rdata: .soa(soa))])])
    }

    /// Runs `test` against the API through Hummingbird's in-process router client.
    func run<Value: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await api.buildApplication().test(.router, test)
    }
}

/// A flag the readiness closure reads.
final class ReadinessSwitch: Sendable {
    private let state: Mutex<Bool>

    init(_ isOn: Bool) {
        state = Mutex(isOn)
    }

    var isOn: Bool {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}

extension TestClientProtocol {
    /// Sends `method uri` with an optional JSON body and bearer token.
    func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if json != nil {
            headers[.contentType] = "application/json"
        }
        if let token {
            headers[.authorization] = "Bearer \(token)"
        }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}
