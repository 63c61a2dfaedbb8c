"""briefgen: turn structured evidence into DOCX and PDF briefings tailored to an audience."""
