/// Answers are explained and ordered in the shared model's terms (`Explanation`,
/// `AnswerPolicy`), so whoever imports the answer path sees them too.
@_exported public import GNSModel
