//! Matching a file's headers to the fields an import reads.
//!
//! A header matches a field when their keys are equal: lowercase letters and digits only, so
//! `Close Date`, `CloseDate`, `close_date` and `CLOSE-DATE` are one key, and a custom field's
//! `__c` suffix is dropped (`Sourcing_Partner__c` is `sourcingpartner`). Each field lists the
//! headers it answers to (report labels, API names, relationship paths like `Owner.Email`);
//! `map:"Header=field; Header=field"` overrides the detection for the columns it names.

use super::{column_letter, FileError};
use crate::domain::names::suggest;

/// A field an import reads and the headers that name it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub headers: &'static [&'static str],
}

/// Which column feeds which field, as detected or overridden.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mapping {
    /// (column index, field name), in column order.
    pub columns: Vec<(usize, &'static str)>,
    /// Headers no field reads, in column order.
    pub ignored: Vec<String>,
}

impl Mapping {
    /// The column holding `field`, if any.
    pub fn column(&self, field: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, name)| *name == field)
            .map(|(column, _)| *column)
    }

    /// The trimmed text of `field` in a row's `cells`; `None` when unmapped or blank.
    pub fn cell(&self, cells: &[String], field: &str) -> Option<String> {
        let text = cells.get(self.column(field)?)?.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The file's header for `field`, to name it in an error (the field's name when unmapped).
    pub fn header(&self, headers: &[String], field: &str) -> String {
        self.column(field)
            .and_then(|i| headers.get(i))
            .cloned()
            .unwrap_or_else(|| field.to_string())
    }
}

/// The comparison key of a header: lowercase ASCII letters and digits, `__c` dropped.
pub fn key(header: &str) -> String {
    let trimmed = header.trim().trim_start_matches('\u{feff}');
    let lower = trimmed.to_lowercase();
    let base = lower.strip_suffix("__c").unwrap_or(&lower);
    base.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Parses `map:"Header=field; Header=field"` into (header as typed, field) pairs, refusing unknown
/// fields with the list of known ones.
pub fn parse_overrides(
    text: &str,
    fields: &[Field],
) -> Result<Vec<(String, &'static str)>, FileError> {
    let mut pairs = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((header, field)) = part.split_once('=') else {
            return Err(FileError::Map(format!(
                "map: `{part}` needs the form `Header=field`, like `Deal Size=amount`."
            )));
        };
        let field_key = key(field);
        let Some(found) = fields.iter().find(|f| key(f.name) == field_key) else {
            let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            let hint = suggest(field.trim(), names.iter().copied())
                .into_iter()
                .next()
                .map(|s| format!(" Did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(FileError::Map(format!(
                "map: there is no field `{}`.{hint} The fields are: {}.",
                field.trim(),
                names.join(", ")
            )));
        };
        pairs.push((header.trim().to_string(), found.name));
    }
    Ok(pairs)
}

/// Maps headers to fields: overrides first, then each field's known headers. A field is fed by
/// one column; an override naming a header the file lacks is refused with the closest header.
pub fn map(
    headers: &[String],
    fields: &[Field],
    overrides: &[(String, &'static str)],
) -> Result<Mapping, FileError> {
    let keys: Vec<String> = headers.iter().map(|h| key(h)).collect();
    let mut assigned: Vec<Option<&'static str>> = vec![None; headers.len()];
    for (header, field) in overrides {
        let Some(index) = keys.iter().position(|k| *k == key(header)) else {
            let hint = suggest(header, headers.iter().map(String::as_str))
                .into_iter()
                .next()
                .map(|s| format!(" Did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(FileError::Map(format!(
                "map: the file has no column `{header}`.{hint}"
            )));
        };
        // The field moves to this column, whatever the detection would have chosen.
        assigned.iter_mut().for_each(|slot| {
            if *slot == Some(*field) {
                *slot = None;
            }
        });
        assigned[index] = Some(field);
    }
    for field in fields {
        if assigned.contains(&Some(field.name)) {
            continue;
        }
        let wanted: Vec<String> = std::iter::once(field.name)
            .chain(field.headers.iter().copied())
            .map(key)
            .collect();
        // The first header in the field's own order of preference that the file has.
        let found = wanted
            .iter()
            .find_map(|w| (0..keys.len()).find(|&i| keys[i] == *w && assigned[i].is_none()));
        if let Some(index) = found {
            assigned[index] = Some(field.name);
        }
    }
    let mut mapping = Mapping::default();
    for (index, slot) in assigned.iter().enumerate() {
        match slot {
            Some(field) => mapping.columns.push((index, field)),
            None if !headers[index].trim().is_empty() => {
                mapping.ignored.push(headers[index].clone())
            }
            None => {}
        }
    }
    Ok(mapping)
}

/// How the mapping reads, for the preview: `Opportunity Name → name (A)`, one per column.
pub fn describe(headers: &[String], mapping: &Mapping) -> Vec<String> {
    mapping
        .columns
        .iter()
        .map(|(index, field)| {
            format!(
                "{} → {field} ({})",
                headers.get(*index).map(String::as_str).unwrap_or(""),
                column_letter(*index)
            )
        })
        .collect()
}

/// Refuses a mapping without one of the `required` fields: (field, hint naming the column to
/// add). The first missing one is named.
pub fn require(mapping: &Mapping, required: &[(&str, &str)]) -> Result<(), FileError> {
    match required
        .iter()
        .find(|(field, _)| mapping.column(field).is_none())
    {
        Some((field, hint)) => Err(FileError::MissingColumn {
            field: field.to_string(),
            hint: hint.to_string(),
        }),
        None => Ok(()),
    }
}
