"""Contract tests: each request example of the seeds sent as it stands (adapted only for ids and the
base path), its documented response asserted field by field."""
