//! Redaction of a configuration's secrets in any text a program prints: the token, the
//! password, the secret key, the security token, default header values and the IAM token the
//! config obtained. The command line passes everything it prints on stderr through
//! [`Config::redact`], so a secret that reached a message by any path (an error, a body the
//! service echoed) is replaced there with the placeholder `Debug` output uses.

use crate::config::{Authentication, Config};

/// What is printed instead of a secret (in `Debug` output, previews and redacted text).
pub const REDACTED_PLACEHOLDER: &str = crate::config::REDACTED_PLACEHOLDER;

/// Secrets shorter than this are not searched for in text: a one-character "secret" would
/// replace every occurrence of that character (such a secret is no secret anyway).
const MIN_REDACTED_LENGTH: usize = 4;

impl Config {
    /// `text` with every occurrence of one of the config's secrets replaced by
    /// [`REDACTED_PLACEHOLDER`].
    pub fn redact(&self, text: &str) -> String {
        let mut secrets: Vec<String> = Vec::new();
        match &self.authentication {
            Authentication::Token(token) => secrets.push(token.clone()),
            Authentication::AccessKey(credentials) => {
                secrets.extend(credentials.secret_values().into_iter().map(str::to_owned))
            }
            Authentication::Password(credentials) => secrets.push(credentials.password.clone()),
            Authentication::Hook(_) | Authentication::None => {}
        }
        secrets.extend(
            self.default_headers
                .iter()
                .map(|header| header.value.clone()),
        );
        if let Some(cache) = &self.iam_token_cache {
            secrets.extend(cache.cached_token_value());
        }
        // Longest first, so a secret that contains another is replaced whole.
        secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
        let mut redacted = text.to_owned();
        for secret in secrets {
            if secret.len() >= MIN_REDACTED_LENGTH && redacted.contains(&secret) {
                redacted = redacted.replace(&secret, REDACTED_PLACEHOLDER);
            }
        }
        redacted
    }
}

#[cfg(test)]
mod tests {
    use crate::signing::Credentials;
    use crate::Config;

    #[test]
    fn every_secret_of_the_config_is_replaced() {
        let config = Config::builder()
            .project_id("p1")
            .access_key(
                Credentials::new("AKPUBLIC", "SECRET-KEY-1").with_security_token("STS-TOKEN-1"),
            )
            .default_header("X-Api-Key", "HEADER-SECRET")
            .build()
            .expect("a config");
        assert_eq!(
            config.redact("sk=SECRET-KEY-1 token=STS-TOKEN-1 key=HEADER-SECRET ak=AKPUBLIC"),
            "sk=<redacted> token=<redacted> key=<redacted> ak=AKPUBLIC"
        );
    }
}
