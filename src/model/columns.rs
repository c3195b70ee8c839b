//! What a task table's column holds, known by its header's name: the one
//! place these synonyms live (the importer reads tables with them, the
//! views lay tasks out with them; docs/FORMAT.md lists them).

use super::schema::Task;

/// A task table column's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Number,
    Lead,
    Support,
    Due,
    /// The task's text (the first other column) or one of its `fields`.
    Other,
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a header names a lead column.
pub fn is_lead_header(header: &str) -> bool {
    matches!(
        squash(header).as_str(),
        "牵头单位" | "主办单位" | "牵头部门" | "主责单位"
    )
}

/// The role of the column headed `header`; 责任单位 leads unless the table
/// also has a lead column.
pub fn col_of(header: &str, has_lead_column: bool) -> Col {
    let h = squash(header);
    match h.as_str() {
        "序号" | "编号" | "序" => Col::Number,
        _ if is_lead_header(&h) => Col::Lead,
        "责任单位" | "责任部门" if !has_lead_column => Col::Lead,
        "配合单位" | "参与单位" | "协办单位" | "配合部门" | "责任单位" | "责任部门" => {
            Col::Support
        }
        "完成时限" | "时间节点" | "完成时间" | "时限" | "时间安排" | "完成时限要求" => {
            Col::Due
        }
        _ => Col::Other,
    }
}

/// The column names of a table's header: the last header row, an empty
/// cell taking the name above it (a two-row header's merged cells).
pub fn column_names(header: &[Vec<String>]) -> Vec<String> {
    let width = header.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            header
                .iter()
                .rev()
                .filter_map(|r| r.get(c))
                .find(|v| !v.trim().is_empty())
                .cloned()
                .unwrap_or_default()
        })
        .collect()
}

/// The roles of a header row.
pub fn roles(header: &[String]) -> Vec<Col> {
    let has_lead = header.iter().any(|h| is_lead_header(h));
    header.iter().map(|h| col_of(h, has_lead)).collect()
}

/// A task's cells in the order of its table's header (the text in the
/// first other column, its fields by header name).
pub fn task_cells(task: &Task, header: &[String]) -> Vec<String> {
    let roles = roles(header);
    let text_col = roles.iter().position(|c| *c == Col::Other);
    roles
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            Col::Number => task.number.clone().unwrap_or_default(),
            Col::Lead => task.lead.join("、"),
            Col::Support => task.support.join("、"),
            Col::Due => task.due_text.clone(),
            Col::Other if Some(i) == text_col => task.text.clone(),
            Col::Other => task
                .fields
                .iter()
                .find(|(h, _)| *h == header[i])
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
        })
        .collect()
}
