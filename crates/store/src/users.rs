//! Accounts, login sessions and API tokens. Passwords arrive already hashed (argon2, by the web
//! layer) and session/API tokens arrive already hashed: this crate never sees a secret a user
//! types or holds.

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::{Store, StoreError, time};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Manages users, issuers and everything else.
    Admin,
    /// Issues, revokes and imports credentials.
    IssuerStaff,
    /// Reads only.
    Viewer,
    /// Designs programmes, runs cohorts, sets KPIs and costs.
    ProgrammeManager,
    /// Teaches and assesses: records completions and runs 360° rounds.
    Faculty,
    /// Reads the dashboards of the cohorts their organisation sponsors, nothing else.
    SponsorViewer,
    /// A learner: sees their own enrolments, progress and credentials.
    Participant,
}

impl Role {
    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::IssuerStaff => "issuer_staff",
            Role::Viewer => "viewer",
            Role::ProgrammeManager => "programme_manager",
            Role::Faculty => "faculty",
            Role::SponsorViewer => "sponsor_viewer",
            Role::Participant => "participant",
        }
    }

    /// Every role, in the order a form lists them.
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::IssuerStaff,
        Role::Viewer,
        Role::ProgrammeManager,
        Role::Faculty,
        Role::SponsorViewer,
        Role::Participant,
    ];

    /// The role stored as `text`, if it is one (forms post the database spelling).
    pub fn from_db(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    fn parse(text: &str) -> Result<Role, StoreError> {
        Role::from_db(text)
            .ok_or_else(|| StoreError::corrupt("users", "role", format!("unknown role {text:?}")))
    }
}

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name; unique, compared after trimming and lower-casing.
    pub email: String,
    /// Name shown in the UI.
    pub display_name: String,
    /// The argon2 PHC string.
    pub password_hash: String,
    /// What the user may do.
    pub role: Role,
}

/// A stored user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// UUID.
    pub id: String,
    /// Login name, normalized (trimmed, lower case).
    pub email: String,
    /// Name shown in the UI.
    pub display_name: String,
    /// The argon2 PHC string.
    pub password_hash: String,
    /// What the user may do.
    pub role: Role,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
}

/// A login session. `id` is the hash of the cookie token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Hash of the session token.
    pub id: String,
    /// Whose session it is.
    pub user_id: String,
    /// The token forms must echo back.
    pub csrf_token: String,
    /// When the session was created.
    pub created_at: DateTime<Utc>,
    /// After this instant the session is no longer accepted.
    pub expires_at: DateTime<Utc>,
}

/// An API token. Only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// UUID.
    pub id: String,
    /// Whose token it is; requests act with this user's role.
    pub user_id: String,
    /// Hash of the token.
    pub token_hash: String,
    /// What the user called it.
    pub label: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last authenticated a request.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked; a revoked token never authenticates again.
    pub revoked_at: Option<DateTime<Utc>>,
}

fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn optional_time(
    row: &AnyRow,
    table: &'static str,
    column: &'static str,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    row.try_get::<Option<String>, _>(column)?
        .map(|text| time::from_text(&text, table, column))
        .transpose()
}

fn user_from_row(row: &AnyRow) -> Result<User, StoreError> {
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        role: Role::parse(&row.try_get::<String, _>("role")?)?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "users",
            "created_at",
        )?,
    })
}

fn token_from_row(row: &AnyRow) -> Result<ApiToken, StoreError> {
    Ok(ApiToken {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        token_hash: row.try_get("token_hash")?,
        label: row.try_get("label")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "api_tokens",
            "created_at",
        )?,
        last_used_at: optional_time(row, "api_tokens", "last_used_at")?,
        revoked_at: optional_time(row, "api_tokens", "revoked_at")?,
    })
}

const USER_COLUMNS: &str = "id, email, display_name, password_hash, role, created_at";
const TOKEN_COLUMNS: &str = "id, user_id, token_hash, label, created_at, last_used_at, revoked_at";

impl Store {
    /// Creates a user; [`StoreError::AlreadyExists`] if the email is taken.
    pub async fn create_user(&self, new: NewUser) -> Result<User, StoreError> {
        let user = User {
            id: time::new_id(),
            email: normalize_email(&new.email),
            display_name: new.display_name,
            password_hash: new.password_hash,
            role: new.role,
            created_at: time::truncate(time::now()),
        };
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, role, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&user.id)
        .bind(&user.email)
        .bind(&user.display_name)
        .bind(&user.password_hash)
        .bind(user.role.as_str())
        .bind(time::to_text(user.created_at))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("user"))?;
        Ok(user)
    }

    /// Looks up a user by id.
    pub async fn user(&self, id: &str) -> Result<User, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::not_found("user", id))?;
        user_from_row(&row)
    }

    /// Looks up a user by login email (case-insensitive); `None` if there is none, so a login
    /// form can answer the same way for unknown users and wrong passwords.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(normalize_email(email))
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(user_from_row)
            .transpose()
    }

    /// Every user, by email.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY email");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(user_from_row)
            .collect()
    }

    /// Replaces a user's password hash and ends all their sessions, in one transaction, so a
    /// stolen session does not survive a password change.
    pub async fn set_password_hash(
        &self,
        user_id: &str,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found("user", user_id));
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a new login session.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        csrf_token: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<Session, StoreError> {
        let session = Session {
            id: token_hash.to_owned(),
            user_id: user_id.to_owned(),
            csrf_token: csrf_token.to_owned(),
            created_at: time::truncate(time::now()),
            expires_at: time::truncate(expires_at),
        };
        sqlx::query(
            "INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&session.id)
        .bind(&session.user_id)
        .bind(&session.csrf_token)
        .bind(time::to_text(session.created_at))
        .bind(time::to_text(session.expires_at))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("session"))?;
        Ok(session)
    }

    /// The live session with this token hash and its user; `None` if unknown or expired at
    /// `now`.
    pub async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(Session, User)>, StoreError> {
        let row = sqlx::query(
            "SELECT s.id AS session_id, s.csrf_token, s.created_at AS session_created_at, \
             s.expires_at, u.id, u.email, u.display_name, u.password_hash, u.role, u.created_at \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(time::to_text(now))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let user = user_from_row(&row)?;
        let session = Session {
            id: row.try_get("session_id")?,
            user_id: user.id.clone(),
            csrf_token: row.try_get("csrf_token")?,
            created_at: time::from_text(
                &row.try_get::<String, _>("session_created_at")?,
                "sessions",
                "created_at",
            )?,
            expires_at: time::from_text(
                &row.try_get::<String, _>("expires_at")?,
                "sessions",
                "expires_at",
            )?,
        };
        Ok(Some((session, user)))
    }

    /// Ends one session (logout).
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes sessions that expired before `now`; returns how many.
    pub async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(time::to_text(now))
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// Records a new API token for `user_id`.
    pub async fn create_api_token(
        &self,
        user_id: &str,
        token_hash: &str,
        label: &str,
    ) -> Result<ApiToken, StoreError> {
        let token = ApiToken {
            id: time::new_id(),
            user_id: user_id.to_owned(),
            token_hash: token_hash.to_owned(),
            label: label.to_owned(),
            created_at: time::truncate(time::now()),
            last_used_at: None,
            revoked_at: None,
        };
        sqlx::query(
            "INSERT INTO api_tokens (id, user_id, token_hash, label, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&token.id)
        .bind(&token.user_id)
        .bind(&token.token_hash)
        .bind(&token.label)
        .bind(time::to_text(token.created_at))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("api token"))?;
        Ok(token)
    }

    /// Authenticates an API token: returns its user if the token exists and is not revoked,
    /// and records `now` as its last use.
    pub async fn authenticate_api_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, StoreError> {
        let mut tx = self.begin_write().await?;
        let user_id: Option<String> = sqlx::query_scalar(
            "UPDATE api_tokens SET last_used_at = $1 \
             WHERE token_hash = $2 AND revoked_at IS NULL RETURNING user_id",
        )
        .bind(time::to_text(now))
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(user_id) = user_id else {
            return Ok(None);
        };
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&user_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        user_from_row(&row).map(Some)
    }

    /// A user's API tokens, newest first (revoked ones included, for the audit view).
    pub async fn api_tokens(&self, user_id: &str) -> Result<Vec<ApiToken>, StoreError> {
        let sql = format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(token_from_row)
            .collect()
    }

    /// Revokes an API token; revoking twice keeps the first revocation time.
    pub async fn revoke_api_token(&self, id: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let updated = sqlx::query(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
        )
        .bind(time::to_text(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found("api token", id));
        }
        Ok(())
    }
}
