//! Where keytool's default keystore lives: `~/.keystore` in Java's `user.home`.

use std::path::PathBuf;

/// Java's `user.home`: on Linux the account's home directory from the password database
/// (so `sudo -E` and services, whose `$HOME` may point elsewhere, get the account's own
/// folder, as keytool does); elsewhere, and when the database has no entry, the platform's
/// home directory (`USERPROFILE` on Windows).
pub fn account_home() -> PathBuf {
    passwd_home().unwrap_or_else(|| std::env::home_dir().unwrap_or_default())
}

#[cfg(unix)]
fn passwd_home() -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    // The process's own /proc entry belongs to its user: its uid without any unsafe call.
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    home_of(&passwd, uid)
}

#[cfg(not(unix))]
fn passwd_home() -> Option<PathBuf> {
    None
}

/// The home directory of `uid` in `/etc/passwd` text (`name:pw:uid:gid:gecos:home:shell`).
#[cfg_attr(not(unix), allow(dead_code))]
fn home_of(passwd: &str, uid: u32) -> Option<PathBuf> {
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        let (Some(id), Some(home)) = (fields.get(2), fields.get(5)) else {
            return None;
        };
        (id.parse::<u32>().ok() == Some(uid) && !home.is_empty()).then(|| PathBuf::from(home))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_database_names_the_home() {
        let passwd =
            "root:x:0:0:root:/root:/bin/bash\n# comment\nalice:x:1000:1000::/home/alice:/bin/sh\n";
        assert_eq!(home_of(passwd, 1000), Some(PathBuf::from("/home/alice")));
        assert_eq!(home_of(passwd, 0), Some(PathBuf::from("/root")));
        assert_eq!(home_of(passwd, 5), None);
        assert!(!account_home().as_os_str().is_empty());
    }
}
