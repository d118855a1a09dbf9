//! Tests of the embedded migration lists.

use super::*;

fn versions(migrator: &Migrator) -> Vec<i64> {
    migrator.iter().map(|m| m.version).collect()
}

#[test]
fn both_backends_ship_the_same_migration_versions() {
    assert_eq!(versions(&SQLITE), versions(&POSTGRES));
    let count = SQLITE.iter().count() as i64;
    assert!(count >= 12, "{count} migrations");
    assert_eq!(
        versions(&SQLITE),
        (1..=count).collect::<Vec<_>>(),
        "1, 2, 3, ..."
    );
}

#[test]
fn every_migration_is_embedded_byte_for_byte_from_its_file() {
    for (folder, migrator) in [("sqlite", &SQLITE), ("postgres", &POSTGRES)] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(folder);
        for migration in migrator.iter() {
            let file = format!(
                "{:04}_{}.sql",
                migration.version,
                migration.description.replace(' ', "_")
            );
            let sql = std::fs::read_to_string(dir.join(&file)).unwrap();
            assert_eq!(migration.sql, sql, "{folder}/{file}");
            assert!(!migration.no_tx, "{folder}/{file} runs in a transaction");
        }
    }
}
