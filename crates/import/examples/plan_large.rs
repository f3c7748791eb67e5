//! Measures a dry run over the largest file the default limits allow (100,000 rows), as CSV
//! in UTF-8 and Shift-JIS. Run with `cargo run --release -p tsumiki-import --example plan_large`.

use std::time::Instant;

use tsumiki_import::{
    AchievementCatalog, ColumnMapping, FileFormat, Limits, PlanOptions, plan_table, read_table,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut csv = String::from("氏名,メールアドレス,社員番号,バッジ,発行日\n");
    for index in 0..Limits::DEFAULT_MAX_ROWS {
        csv.push_str(&format!(
            "受講者 {index},user{index}@Example.JP,E{index:06},python-basics,2026/4/1\n"
        ));
    }
    let (shift_jis, _, _) = encoding_rs::SHIFT_JIS.encode(&csv);
    let mut catalog = AchievementCatalog::new();
    catalog.add(
        "urn:uuid:11111111-1111-4111-8111-111111111111",
        Some("python-basics"),
    );
    let options = PlanOptions::new("urn:uuid:issuer", &catalog);
    for (label, bytes) in [("utf-8", csv.as_bytes()), ("shift-jis", &shift_jis[..])] {
        let started = Instant::now();
        let table = read_table(bytes, FileFormat::Auto, None, &options.limits)?;
        let read = started.elapsed();
        let plan = plan_table(&table, &ColumnMapping::auto(&table.headers), &options)?;
        let elapsed = started.elapsed();
        println!("{label}: read in {:.0} ms", read.as_secs_f64() * 1e3);
        println!(
            "{label}: {} bytes, {} rows planned, {} findings in {:.0} ms ({:.0} rows/s)",
            bytes.len(),
            plan.rows.len(),
            plan.findings.len(),
            elapsed.as_secs_f64() * 1e3,
            plan.rows.len() as f64 / elapsed.as_secs_f64()
        );
    }
    Ok(())
}
