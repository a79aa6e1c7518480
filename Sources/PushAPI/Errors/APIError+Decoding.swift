import APIBodies

extension APIError {
    /// The answer to a body the JSON decoder refused: 400 when it is not a JSON object,
    /// 422 naming the field otherwise.
    init(_ error: DecodingError) {
        let problem = DecodingProblem(error)
        if let field = problem.field {
            self = .invalid(field, problem.reason)
        } else {
            self = .malformedJSON(problem.reason)
        }
    }
}
