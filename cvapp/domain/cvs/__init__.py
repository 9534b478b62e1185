"""CV versions: tailored cuts of the master profile (which sections and items, in what order,
with which rewritten texts) that never copy the master's data."""
