//! JSON for tools: the [`AuditReport`] as it is, documented in README "JSON schema".

use super::{Render, Rendered, ReportError};
use crate::audit::AuditReport;

pub struct Json;

impl Render for Json {
    fn render(&self, report: &AuditReport) -> Result<Rendered, ReportError> {
        let mut bytes = serde_json::to_vec_pretty(report).map_err(|e| ReportError::Render {
            format: "json",
            message: e.to_string(),
        })?;
        bytes.push(b'\n');
        Ok(Rendered::Document(bytes))
    }
}
