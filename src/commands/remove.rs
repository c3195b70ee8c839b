//! `remove ENTRY…`: entries out of the library, named by id or 文号 (or
//! anything the resolver takes that names a whole entry). One line per
//! name: `ENTRY<TAB>removed`, or why not; exit status 2 if any was not
//! removed (the others still are).

use std::io::Write;
use std::process::ExitCode;

use super::Error;
use crate::library::{Catalogue, Library, LibraryError};
use crate::model::resolve::{resolve_exact, Resolved};
use crate::text::sanitize;

pub fn run(lib: &Library, names: &[String], out: &mut impl Write) -> Result<ExitCode, Error> {
    let _lock = lib.lock()?;
    let mut cat = lib.catalogue()?;
    // The resolver works on the tree; it is loaded only when a name is not an id.
    let mut tree = None;
    let mut failed = false;
    for name in names {
        let id = match entry_named(lib, &cat, name, &mut tree) {
            Ok(id) => id,
            Err(e) => {
                failed = true;
                writeln!(
                    out,
                    "{}\tfailed\t{}",
                    sanitize(name),
                    sanitize(&e.to_string())
                )?;
                continue;
            }
        };
        match lib.remove(&mut cat, &id) {
            Ok(()) => writeln!(out, "{}\tremoved", sanitize(&id))?,
            Err(e) => {
                failed = true;
                writeln!(
                    out,
                    "{}\tfailed\t{}",
                    sanitize(&id),
                    sanitize(&e.to_string())
                )?;
            }
        }
    }
    lib.write_index(&cat)?;
    lib.sweep_search(&cat);
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The id of the entry a name means: an id as it is; a 文号 normalised as
/// ids are; else a node the resolver names exactly (never a part of a
/// title: removing is not a search), when that is a whole entry.
fn entry_named(
    lib: &Library,
    cat: &Catalogue,
    name: &str,
    tree: &mut Option<crate::model::Tree>,
) -> Result<String, LibraryError> {
    if cat.get(name).is_some() {
        return Ok(name.to_string());
    }
    let number = crate::model::identity::number_id(name);
    if cat.get(&number).is_some() {
        return Ok(number);
    }
    if tree.is_none() {
        *tree = crate::model::load::load_library(&lib.root)?.map(|(t, _)| t);
    }
    let Some(t) = tree.as_ref() else {
        return Err(LibraryError::NotFound(name.to_string()));
    };
    match resolve_exact(t, name) {
        Resolved::One(ix) if ix == 0 || t.nodes[ix].kind == crate::model::Kind::Year => {
            Err(LibraryError::Ambiguous(format!(
                "{name:?} is {}, which holds several entries; give an entry's id (`gongbao list`)",
                t.label(ix)
            )))
        }
        Resolved::One(ix) => {
            let entry_root = t.entry_node(t.nodes[ix].entry);
            let id = t.nodes[entry_root]
                .id
                .split('/')
                .next()
                .unwrap_or_default()
                .to_string();
            if ix == entry_root {
                Ok(id)
            } else {
                Err(LibraryError::Inside {
                    query: name.to_string(),
                    entry: id,
                })
            }
        }
        Resolved::Many(ixs) => Err(LibraryError::Ambiguous(format!(
            "{name:?} names {} nodes; give an entry's id (`gongbao list`)",
            ixs.len()
        ))),
        Resolved::None => Err(LibraryError::NotFound(name.to_string())),
    }
}
