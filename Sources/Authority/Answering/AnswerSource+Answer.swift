internal import DNSWire

extension AnswerSource {
    /// Fills the sections, rcode and AA bit for `question` from `state` (by default the current
    /// one); returns how the answer came about. A class other than IN is REFUSED (Not
    /// Authoritative), a meta type but ANY NOTIMP (Not Supported), OPT as a question FORMERR.
    @discardableResult
    func answer(
        _ question: Question, client: ClientContext, rotation: RotationStep = .next, period: RotationPeriod? = nil,
        state: State? = nil, into response: inout Message
    ) -> AnswerFacts {
        guard question.recordClass == .internet else {
            response.rcode = .refused
            return AnswerFacts(extendedError: ExtendedDNSError(.notAuthoritative))
        }
        guard question.type == .any || !question.type.isMetaType else {
            guard question.type != .opt else {
                response.rcode = .formErr
                return AnswerFacts()
            }
            response.rcode = .notImp
            return AnswerFacts(extendedError: ExtendedDNSError(.notSupported))
        }
        let lookup = lookUp(
            question.name, type: question.type, client: client, rotation: rotation, period: period, state: state)
        let result = lookup.result
        let sections = result.sections
        response.rcode = result.rcode
        response.header.authoritativeAnswer = result.isAuthoritative
        response.answers = sections.answers
        response.authorities = sections.authorities
        response.additionals = sections.additionals
        return lookup.facts
    }
}
