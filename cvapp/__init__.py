"""cvapp: one master record of a career, tailored CVs, honest AI help."""
