//! Command line, parsed with clap (derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// gongbao (公报): explore a Chinese government gazette in the terminal.
///
/// Without a subcommand, opens the explorer (or prints the outline when stdout
/// is not a terminal).
#[derive(Debug, Parser)]
#[command(name = "gongbao", version, about)]
pub struct Cli {
    /// A gazette file (.ron), or a folder of them opened as a read-only
    /// library; default: your library (`gongbao add`), or the embedded
    /// sample issue while the library is empty.
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,

    /// Colours: in the explorer, `auto` uses them unless NO_COLOR is set;
    /// `find` and `show` colour what matched the query when writing to a
    /// terminal (`auto`), always (`always`) or never (`never`).
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// The explorer neither reads nor writes its state (marks, the last
    /// place) in $XDG_STATE_HOME/gongbao/state.ron (also GONGBAO_NO_STATE=1).
    #[arg(long, global = true)]
    pub no_state: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Never,
    Auto,
    Always,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the outline, one node a line, indented by depth.
    Tree {
        /// Print only nodes of depth ≤ N (the issue is depth 0; 0 to 64).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=64))]
        depth: Option<u16>,
        /// Add each node's id.
        #[arg(long)]
        ids: bool,
    },
    /// Print a node and its subtree as wrapped text.
    Show {
        /// A node id (d1/a1/c3), or a name: 专栏5, 专栏 5, 新材料, 三 …
        #[arg(value_parser = query)]
        query: String,
        /// Wrap at this many display columns (20 to 1000).
        #[arg(long, default_value_t = 80, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
        width: u16,
        /// text: as the reader shows it; markdown: as `export` writes it;
        /// json: the node and its subtree; csv: a table's rows (the node,
        /// or the one table inside it).
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Find nodes: fuzzy over titles (hanzi or pinyin: 新材料, xcl, xincailiao),
    /// or with --text a substring of any text. Exit status 1 when nothing matches.
    Find {
        /// What to look for (at most 200 characters).
        #[arg(value_parser = query)]
        query: String,
        /// At most this many hits (1 to 100000).
        #[arg(long, default_value_t = 50, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
        limit: u32,
        /// Search every title, text and table cell (substring, folded, pinyin).
        #[arg(long)]
        text: bool,
        #[command(flatten)]
        out: Output,
    },
    /// The decision catalogue as a 12-month timeline with statuses as of a date.
    Timeline {
        /// The date statuses are relative to: a day or a month (default: a
        /// catalogue's own date for its grid, today for the other items).
        #[arg(long, value_name = "YYYY-MM[-DD]")]
        as_of: Option<String>,
        /// Row order: catalogue order, by month, or one lane per unit.
        #[arg(long, value_enum, default_value_t = ByArg::Item)]
        by: ByArg,
        /// Total width in display columns (20 to 1000; at least 100 keeps everything aligned).
        #[arg(long, default_value_t = 120, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
        width: u16,
        /// Only items of these statuses (comma-separated).
        #[arg(long, value_enum, value_delimiter = ',')]
        status: Vec<StatusArg>,
        /// Only items of this unit (canonical name or an alias; repeatable).
        #[arg(long, value_parser = query)]
        unit: Vec<String>,
        /// Only items due in this year (1000 to 9999; repeatable).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1000..=9999))]
        year: Vec<u32>,
        /// Only items of this entry (its id; repeatable).
        #[arg(long, value_parser = query)]
        entry: Vec<String>,
        /// Only items of these kinds (comma-separated).
        #[arg(long, value_enum, value_delimiter = ',')]
        kind: Vec<KindArg>,
        /// Output format: the grid as text, or every dated item as JSON,
        /// CSV or an iCalendar file (RFC 5545, one VTODO per dated item).
        #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
        format: TimelineFormat,
        /// The same as --format json.
        #[arg(long)]
        json: bool,
    },
    /// What is overdue, due this month and next month, and by unit: a
    /// morning report, or one line for a shell prompt (--oneline).
    Due {
        /// The day (or month) it is as of (default: today).
        #[arg(long, value_name = "YYYY-MM[-DD]")]
        as_of: Option<String>,
        /// One line: counts only.
        #[arg(long)]
        oneline: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Units named in the issue with what they own; with UNIT (fuzzy, pinyin), its portfolio.
    Units {
        #[arg(value_parser = query)]
        unit: Option<String>,
        #[command(flatten)]
        out: Output,
    },
    /// What a node and its subtree cite: each citation (《title》, 文号, an
    /// article), where it is (node id, character range) and the node it
    /// resolves to, or `unresolved`, `generic`, `elsewhere`. With
    /// --unresolved and no NODE: across everything loaded, each missing
    /// title or 文号 with how many documents cite it, most cited first.
    Refs {
        /// A node id or a name, as `show` takes them.
        #[arg(value_parser = query, required_unless_present = "unresolved")]
        node: Option<String>,
        /// List what is cited but not loaded.
        #[arg(long)]
        unresolved: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Who cites a node (or anything in its subtree): the same fields as
    /// `refs`.
    Citedby {
        /// A node id or a name, as `show` takes them.
        #[arg(value_parser = query)]
        node: String,
        #[command(flatten)]
        out: Output,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell),
    /// generated from these definitions: `gongbao completions bash >
    /// ~/.local/share/bash-completion/completions/gongbao`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), generated from these definitions:
    /// `gongbao man > ~/.local/share/man/man1/gongbao.1`.
    Man,
    /// The plan's indicator table with the implied annual change checked.
    Indicators {
        #[command(flatten)]
        out: Output,
    },
    /// Print the whole tree as JSON or Markdown.
    Export {
        #[arg(long, value_enum)]
        format: Format,
    },
    /// Validate gazette files: `ok` per file, or the errors (exit status 2).
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Add files or folders (recursively) to your library: text, Markdown,
    /// HTML, .docx, .pdf or RON. One line per input: PATH, what happened
    /// (added, already present, differs, present in, replaced, failed), the
    /// entry or why. Exit status 2 if any failed; the others are added.
    Add {
        /// Files or folders; with --reimport, entry ids (none: every entry).
        #[arg(value_name = "PATH", required_unless_present = "reimport")]
        paths: Vec<PathBuf>,
        /// Say what would happen; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Store an input whose entry is stored with other content.
        #[arg(long)]
        replace: bool,
        /// Store a document that a stored issue already holds.
        #[arg(long)]
        force: bool,
        /// Import the named entries again from their kept sources.
        #[arg(long)]
        reimport: bool,
    },
    /// The library's entries: id, kind, year, number or 文号, date, title, source.
    List {
        /// Also what the importer was unsure of, under each entry.
        #[arg(long)]
        warnings: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Remove entries from the library, by id or 文号.
    Remove {
        #[arg(required = true, value_name = "ENTRY")]
        entries: Vec<String>,
    },
    /// Turn a document or a gazette issue (text, Markdown, HTML, .docx,
    /// .pdf) into RON, without adding it to the library.
    Import {
        /// The file to import.
        text: PathBuf,
        /// Write here instead of stdout.
        #[arg(short, long, value_name = "OUT.ron")]
        output: Option<PathBuf>,
    },
}

/// How a printing command prints: `--format text|json` (`--json` is the
/// same as `--format json`). Later formats (csv, ics) join the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::Args)]
pub struct Output {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    pub format: OutFormat,
    /// The same as --format json.
    #[arg(long)]
    pub json: bool,
}

impl Output {
    pub fn json(&self) -> bool {
        self.json || self.format == OutFormat::Json
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Markdown,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    Text,
    Json,
    Csv,
    Ics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Past,
    Due,
    Upcoming,
    Undated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Decision,
    Task,
    Effective,
    Expires,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Item,
    Month,
    Unit,
}

/// A query from the command line: at most [`crate::search::MAX_QUERY`]
/// characters.
fn query(s: &str) -> Result<String, String> {
    let n = s.chars().count();
    if n > crate::search::MAX_QUERY {
        return Err(format!(
            "{n} characters; a query holds at most {}",
            crate::search::MAX_QUERY
        ));
    }
    Ok(s.to_string())
}
