// Placeholder until this target has sources; delete when adding the first real file.
