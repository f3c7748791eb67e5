//! Outgoing mail. Pages never talk to a mail server: they queue rows in the store's outbox
//! in the same transaction as the change the mail announces, and [`dispatch_pending`] sends
//! what is due through a [`MailSender`], recording failures and retrying with back-off. The
//! SMTP sender ([`SmtpSender`], `lettre`) is configured by `TSUMIKI_SMTP_URL`; without it
//! mail stays in the outbox (visible to staff and tests), which is the safe default for a
//! self-hosted install that has no mail relay yet.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};
use tsumiki_store::{OutboxMessage, Store, StoreError};

/// The SMTP URL, e.g. `smtps://user:password@mail.example.jp:465` or
/// `smtp://relay.internal:25?tls=required`. Unset: no mail is sent.
pub const SMTP_URL_VAR: &str = "TSUMIKI_SMTP_URL";
/// The sender address, e.g. `tsumiki <noreply@example.jp>`.
pub const MAIL_FROM_VAR: &str = "TSUMIKI_MAIL_FROM";
/// Used when [`MAIL_FROM_VAR`] is unset.
pub const DEFAULT_FROM: &str = "tsumiki <noreply@localhost>";
/// Messages one dispatch pass sends at most.
pub const BATCH: i64 = 100;

/// Why a message could not be sent; stored as the outbox row's `last_error`.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The SMTP URL or the from address is unusable.
    #[error("mail configuration: {0}")]
    Config(String),
    /// The message could not be built (e.g. an invalid recipient address).
    #[error("message: {0}")]
    Message(String),
    /// The server refused or could not be reached.
    #[error("transport: {0}")]
    Transport(String),
}

/// A future returned by [`MailSender::send`].
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;

/// Something that delivers one message: SMTP in production, a recorder in tests.
pub trait MailSender: Send + Sync {
    /// Delivers `message` (plain text).
    fn send<'a>(&'a self, message: &'a OutboxMessage) -> SendFuture<'a>;
}

/// Sends through an SMTP server with `lettre`.
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpSender {
    /// A sender for `url` (see [`SMTP_URL_VAR`]) with `from` as sender.
    pub fn new(url: &str, from: &str) -> Result<SmtpSender, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|error| MailError::Config(error.to_string()))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|error| MailError::Config(format!("{MAIL_FROM_VAR}: {error}")))?;
        Ok(SmtpSender { transport, from })
    }

    /// The sender the environment configures, or `None` when [`SMTP_URL_VAR`] is unset or
    /// empty (mail then stays queued).
    pub fn from_env() -> Result<Option<SmtpSender>, MailError> {
        let Some(url) = std::env::var(SMTP_URL_VAR)
            .ok()
            .filter(|url| !url.trim().is_empty())
        else {
            return Ok(None);
        };
        let from = std::env::var(MAIL_FROM_VAR).unwrap_or_else(|_| DEFAULT_FROM.to_owned());
        SmtpSender::new(url.trim(), &from).map(Some)
    }
}

impl MailSender for SmtpSender {
    fn send<'a>(&'a self, message: &'a OutboxMessage) -> SendFuture<'a> {
        Box::pin(async move {
            let to = message
                .recipient
                .parse::<Mailbox>()
                .map_err(|error| MailError::Message(format!("recipient: {error}")))?;
            let email = Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(message.subject.clone())
                .header(ContentType::TEXT_PLAIN)
                .body(message.body.clone())
                .map_err(|error| MailError::Message(error.to_string()))?;
            self.transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|error| MailError::Transport(error.to_string()))
        })
    }
}

/// What a dispatch pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DispatchSummary {
    /// Messages delivered.
    pub sent: usize,
    /// Messages that failed this time (retried later unless out of attempts).
    pub failed: usize,
}

/// Wait before the next attempt after `attempts` failures: 1, 2, 4, 8 … minutes, capped at
/// a day, so a relay that is down for a while is not hammered.
pub fn retry_delay(attempts: u32) -> TimeDelta {
    TimeDelta::minutes(1i64 << attempts.min(11)).min(TimeDelta::days(1))
}

/// Sends every outbox row due at `now`, marking each sent or failed.
pub async fn dispatch_pending(
    store: &Store,
    sender: &dyn MailSender,
    now: DateTime<Utc>,
) -> Result<DispatchSummary, StoreError> {
    let mut summary = DispatchSummary::default();
    for message in store.pending_mail(now, BATCH).await? {
        match sender.send(&message).await {
            Ok(()) => {
                store.mark_mail_sent(&message.id, now).await?;
                summary.sent += 1;
            }
            Err(error) => {
                let retry_at = now + retry_delay(message.attempts);
                store
                    .mark_mail_failed(&message.id, &error.to_string(), retry_at)
                    .await?;
                summary.failed += 1;
            }
        }
    }
    Ok(summary)
}

/// Runs [`dispatch_pending`] every `every` until the process ends; for `tsumiki serve` when
/// a sender is configured. Store errors are printed and retried on the next tick.
pub async fn run_dispatcher(store: Store, sender: Arc<dyn MailSender>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        if let Err(error) = dispatch_pending(&store, sender.as_ref(), Utc::now()).await {
            eprintln!("tsumiki-web: mail dispatch: {error}");
        }
    }
}

/// How often `tsumiki serve` looks for due mail.
pub const DISPATCH_EVERY: Duration = Duration::from_secs(30);

/// Starts the dispatcher in the background when [`SMTP_URL_VAR`] is set; `Ok(false)` when it
/// is not (mail stays queued). For `tsumiki serve`, once at start-up inside the runtime.
pub fn spawn_from_env(store: Store) -> Result<bool, MailError> {
    match SmtpSender::from_env()? {
        Some(sender) => {
            tokio::spawn(run_dispatcher(store, Arc::new(sender), DISPATCH_EVERY));
            Ok(true)
        }
        None => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_and_is_capped() {
        assert_eq!(retry_delay(0), TimeDelta::minutes(1));
        assert_eq!(retry_delay(3), TimeDelta::minutes(8));
        assert_eq!(retry_delay(10), TimeDelta::minutes(1024));
        assert_eq!(retry_delay(11), TimeDelta::days(1));
        assert_eq!(retry_delay(u32::MAX), TimeDelta::days(1));
    }

    #[test]
    fn bad_configuration_is_reported() {
        assert!(matches!(
            SmtpSender::new("gopher://mail", DEFAULT_FROM),
            Err(MailError::Config(_))
        ));
        assert!(matches!(
            SmtpSender::new("smtp://localhost:2525", "not an address"),
            Err(MailError::Config(_))
        ));
    }
}
