//! JSON for tools: the [`AuditReport`] as it is, documented in README "JSON schema".

use super::{Body, Render, Rendered, ReportError};
use crate::audit::AuditReport;

pub struct Json;

impl Render for Json {
    fn render<'r>(&self, report: &'r AuditReport) -> Result<Rendered<'r>, ReportError> {
        Ok(Rendered::Document(Body::Stream(Box::new(move |out| {
            serde_json::to_writer_pretty(&mut *out, report)?;
            out.write_all(b"\n")
        }))))
    }
}
