internal import DNSWire
internal import GNSModel

/// Everything one lookup found: the result, and what explanations and the EDNS Client Subnet
/// scope need to know about how it came about.
struct Lookup {
    var result: LookupResult
    /// The origin of the zone holding the name.
    var zone: DomainName?
    var source: Explanation.Source
    /// The ordering a dynamic answer used.
    var ordering: AnswerOrdering?
    var selection: CandidateSelection?
    var facts = AnswerFacts()
}
