"""The publishing side: per-language HTML sites and PDFs, readiness, landing and status pages."""
