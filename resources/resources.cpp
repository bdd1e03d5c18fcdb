// Anchor for the resource library: the embedded files are registered by the object library
// qt_add_resources creates.
