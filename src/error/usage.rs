//! keytool's command line.

/// Why a keytool command line was refused, with keytool's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UsageError {
    /// A usage error: keytool prints the message and the command's help, and exits 1.
    #[error("{message}")]
    Usage {
        /// keytool's message.
        message: String,
        /// The command whose help follows (`-list`, ...), if one was given.
        command: Option<&'static str>,
    },
    /// Two commands on one line.
    #[error("Only one command is allowed: both {first} and {second} were specified.")]
    TwoCommands {
        /// The first command.
        first: &'static str,
        /// The second command.
        second: &'static str,
    },
    /// A number option with a value that is not a number.
    #[error("For input string: \"{0}\"")]
    NotANumber(String),
}
