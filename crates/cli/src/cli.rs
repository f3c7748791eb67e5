//! The command-line grammar.

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "tsumiki",
    version,
    about = "Open Badges 3.0 / CLR 2.0: issue, verify, bake, canonicalize"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage signing keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Sign a credential and print it.
    Issue(IssueArgs),
    /// Verify a credential (JSON, compact JWT, baked PNG or SVG).
    Verify(VerifyArgs),
    /// Bake a credential into a PNG or SVG image.
    Bake(BakeArgs),
    /// Extract the credential baked into a PNG or SVG image.
    Unbake(UnbakeArgs),
    /// Print the RDFC-1.0 canonical N-Quads of a JSON-LD or N-Quads document.
    Canon(CanonArgs),
    /// Measure signing, verification and canonicalization on one core; prints one JSON line.
    Bench(BenchArgs),
    /// Load-test one HTTP endpoint on loopback (throughput, latency percentiles, server memory); prints JSON.
    BenchHttp(BenchHttpArgs),
    /// Run the web platform (issuing back office, VC-API, public credential pages).
    Serve(ServeArgs),
    /// Issue credentials in bulk from a CSV (UTF-8 or Shift-JIS) or .xlsx file; resumable.
    Import(ImportArgs),
    /// Impact analyses on exported data: diversity, pre/post change, ROI; prints JSON.
    #[command(subcommand)]
    Impact(crate::commands::impact::ImpactCommand),
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Generate a new key pair and write it as a JSON Multikey file (mode 0600).
    New(KeysNewArgs),
    /// Print the public part of a key file.
    Show(KeysShowArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeyAlgorithm {
    Ed25519,
    P256,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PublicForm {
    /// The did:key identifier.
    DidKey,
    /// The verification method as a Multikey JSON object.
    Multikey,
}

#[derive(Debug, Args)]
pub struct KeysNewArgs {
    #[arg(long, value_enum, default_value = "ed25519")]
    pub alg: KeyAlgorithm,
    /// The controller (e.g. an https issuer URL or did:web). Without it the key is a did:key.
    #[arg(long)]
    pub controller: Option<String>,
    /// Where to write the private key file.
    #[arg(long)]
    pub out: String,
    /// Also print the public part in this form.
    #[arg(long, value_enum)]
    pub print: Option<PublicForm>,
}

#[derive(Debug, Args)]
pub struct KeysShowArgs {
    pub key: String,
    #[arg(long, value_enum, default_value = "multikey")]
    pub print: PublicForm,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ProofFormat {
    /// Data Integrity proof, cryptosuite eddsa-rdfc-2022.
    Di,
    /// VC-JWT (compact JWS), as the Open Badges 3.0 profile defines it.
    Jwt,
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    #[arg(long)]
    pub key: String,
    #[arg(long, value_enum, default_value = "di")]
    pub format: ProofFormat,
    /// Pins the proof's `created` time (XML Schema dateTime), for reproducible output.
    #[arg(long)]
    pub created: Option<String>,
    /// The unsigned credential (JSON), or `-` for standard input.
    pub input: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Lang {
    Ja,
    En,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// A controller document or verification method for an https or did:web key (matched by `id`).
    #[arg(long = "controller-doc", value_name = "FILE")]
    pub controller_docs: Vec<String>,
    /// The status list credential that lives at URL, read from FILE.
    #[arg(long = "status-list", value_name = "URL=FILE")]
    pub status_lists: Vec<String>,
    /// Treat a status that cannot be checked as a warning instead of a failure.
    #[arg(long)]
    pub allow_unchecked_status: bool,
    /// Verify as of this time (XML Schema dateTime) instead of now.
    #[arg(long)]
    pub at: Option<String>,
    /// Language of the human-readable report (default: from LANG, else English).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// The credential file, or `-` for standard input.
    pub input: String,
}

#[derive(Debug, Args)]
pub struct BakeArgs {
    /// The PNG or SVG image to bake into.
    #[arg(long)]
    pub image: String,
    /// The signed credential: JSON, or a compact JWT.
    #[arg(long)]
    pub credential: String,
    /// Where to write the baked image.
    #[arg(long)]
    pub out: String,
}

#[derive(Debug, Args)]
pub struct UnbakeArgs {
    /// The baked PNG or SVG image.
    pub image: String,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum HashName {
    Sha256,
    Sha384,
}

#[derive(Debug, Args)]
pub struct CanonArgs {
    /// Read the input as N-Quads (implied by a `.nq` file name).
    #[arg(long)]
    pub nquads: bool,
    /// The hash function RDFC-1.0 uses.
    #[arg(long, value_enum, default_value = "sha256")]
    pub hash: HashName,
    /// Print the blank node issued-identifiers map as JSON instead of the N-Quads.
    #[arg(long)]
    pub map: bool,
    /// Standard JSON-LD: drop undefined terms instead of rejecting them (safe mode off).
    #[arg(long)]
    pub unsafe_terms: bool,
    /// The document, or `-` for standard input.
    pub input: String,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The credential to sign and verify (unsigned JSON).
    #[arg(long)]
    pub doc: String,
    /// How many times to sign and to verify.
    #[arg(long, default_value_t = 2000)]
    pub n: u32,
}

#[derive(Debug, Args)]
pub struct BenchHttpArgs {
    /// The endpoint, e.g. http://127.0.0.1:8080/credentials/verify (plain HTTP on loopback).
    #[arg(long)]
    pub url: String,
    /// JSON request body to POST (without it, GET).
    #[arg(long, value_name = "FILE")]
    pub body: Option<String>,
    /// Concurrent keep-alive connections, each sending its next request when the last is answered.
    #[arg(long, default_value_t = 32)]
    pub concurrency: u32,
    /// Length of the measured period, in seconds.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Unmeasured warm-up before it, in seconds.
    #[arg(long, default_value_t = 2.0)]
    pub warmup: f64,
    /// The status every answer must have.
    #[arg(long, default_value_t = 200)]
    pub expect_status: u16,
    /// The server's process id: report its resident memory idle, after the load, and at peak.
    #[arg(long)]
    pub server_pid: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: any free port; the printed URL shows it).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Directory for the SQLite database and the master key file (created on first run).
    /// DATABASE_URL=postgres://… uses PostgreSQL instead; TSUMIKI_MASTER_KEY overrides the key file.
    #[arg(long, default_value = "./tsumiki-data")]
    pub data: std::path::PathBuf,
    /// PEM certificate chain: serve HTTPS directly (needs --tls-key).
    #[arg(long, requires = "tls_key", value_name = "PEM")]
    pub tls_cert: Option<std::path::PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, requires = "tls_cert", value_name = "PEM")]
    pub tls_key: Option<std::path::PathBuf>,
    /// Public origin, e.g. https://badges.example.ac.jp (behind a proxy); used in credential
    /// URLs and did:web identifiers. Default: derived from --listen.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Seed a sample school (issuer, achievements, learners, credentials) and a 12-month
    /// leadership programme (cohort of 20, 360° feedback, KPIs, costs) when the database has no
    /// other issuer; running it again adds nothing.
    #[arg(long)]
    pub demo: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Directory for the SQLite database and the master key file (as for `tsumiki serve`).
    /// DATABASE_URL=postgres://… uses PostgreSQL instead; TSUMIKI_MASTER_KEY overrides the key file.
    #[arg(long, default_value = "./tsumiki-data")]
    pub data: std::path::PathBuf,
    /// The issuer profile (its slug) that signs the credentials.
    #[arg(long)]
    pub issuer: String,
    /// The .xlsx sheet to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Only check the file and print the findings; issue nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Language of the findings and the summary (default: from LANG, else English).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Public origin of the server (for status list URLs). Default: taken from the issuer's
    /// https or did:web identifier.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The CSV or .xlsx file.
    pub file: std::path::PathBuf,
}
