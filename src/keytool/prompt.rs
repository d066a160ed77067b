//! keytool's distinguished-name questions (`-genkeypair` without `-dname`): the six
//! questions, what an answer means, and keytool 25's additions (a preamble, `.` for an empty
//! field, and at least one field). The example asks them on the terminal.

use crate::kind::Release;
use crate::name::DistinguishedName;

/// The six questions, in keytool's order (CN, OU, O, L, ST, C).
pub const DNAME_QUESTIONS: [&str; 6] = [
    "What is your first and last name?",
    "What is the name of your organizational unit?",
    "What is the name of your organization?",
    "What is the name of your City or Locality?",
    "What is the name of your State or Province?",
    "What is the two-letter country code for this unit?",
];

/// keytool 25's answer when every field was left empty.
pub const DNAME_NO_FIELD: &str = "At least one field must be provided. Enter again.";

/// The line keytool 25 prints before the questions (keytool 17 prints none).
pub fn dname_preamble(release: Release) -> Option<&'static str> {
    (release >= Release::Jdk25).then_some(
        "Enter the distinguished name. Provide a single dot (.) to leave a sub-component empty or press ENTER to use the default value in braces.",
    )
}

/// What an answer means: an empty line keeps the default; under keytool 25 a single `.`
/// leaves the field empty.
pub fn dname_answer(line: &str, default: &str, release: Release) -> String {
    match line {
        "" => default.to_owned(),
        "." if release >= Release::Jdk25 => String::new(),
        other => other.to_owned(),
    }
}

/// The name the six answers make (empty fields left out), or `None` when all are empty.
pub fn dname_from_answers(answers: &[String; 6]) -> Option<DistinguishedName> {
    if answers.iter().all(String::is_empty) {
        return None;
    }
    let [cn, ou, o, l, st, c] = answers;
    Some(DistinguishedName::from_components(cn, ou, o, l, st, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_follow_each_release() {
        assert_eq!(dname_answer("", "Unknown", Release::Jdk17), "Unknown");
        assert_eq!(dname_answer(".", "Unknown", Release::Jdk17), ".");
        assert_eq!(dname_answer(".", "Unknown", Release::Jdk25), "");
        assert!(dname_preamble(Release::Jdk17).is_none());
        let mut answers: [String; 6] = Default::default();
        assert!(dname_from_answers(&answers).is_none());
        answers[0] = "Alice".into();
        answers[5] = "US".into();
        let dn = dname_from_answers(&answers).unwrap();
        assert_eq!(dn.to_string(), "CN=Alice, C=US");
    }
}
