// Validators for GitHub's official `job` and `workflow-run` schemas (@octokit/openapi, api.github.com.json), so tests
// check fixtures and served JSON against GitHub's own description rather than our idea of it.
// The spec is OpenAPI 3.0: `nullable: true` is not JSON Schema, so it is rewritten to a `null`
// type (and a `null` enum member); `$ref`s to `#/components/schemas/...` resolve because the
// components are registered as one schema document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// ajv-formats is CommonJS: under NodeNext the default import is `module.exports`, whose `default`
// property is the plugin itself (it sets both).
const addFormats = addFormatsModule.default;

export function nullableToJsonSchema(node: JsonValue): JsonValue {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'nullable') out[key] = nullableToJsonSchema(value);
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  else if (out.type === undefined) return { anyOf: [out, { type: 'null' }] };
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

interface Spec {
  components: JsonValue & { schemas: Record<string, { properties?: Record<string, unknown> }> };
}
let loaded: Spec | undefined;
function spec(): Spec {
  loaded ??= JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Spec;
  return loaded;
}

const validators = new Map<string, ValidateFunction>();

/** A validator for one schema of the spec's components (`job`, `workflow-run`, ...). */
export function componentValidator(name: string): ValidateFunction {
  const known = validators.get(name);
  if (known) return known;
  // strict: false because the spec carries OpenAPI-only keywords (example, discriminator, ...).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'github-openapi', components: { schemas: nullableToJsonSchema(reachableSchemas(spec().components.schemas as Record<string, JsonValue>, name)) } });
  const validate = ajv.compile({ $ref: `github-openapi#/components/schemas/${name}` });
  validators.set(name, validate);
  return validate;
}

export function jobSchemaValidator(): ValidateFunction {
  return componentValidator('job');
}

export function workflowRunSchemaValidator(): ValidateFunction {
  return componentValidator('workflow-run');
}

/** Every property the spec lists for a component (required or not): the fake serves them all. */
export function componentProperties(name: string): string[] {
  return Object.keys(spec().components.schemas[name]?.properties ?? {}).sort();
}

/**
 * `name` and the schemas it refers to, directly or through others: the spec has over a thousand more, and
 * rewriting and registering all of them took seconds for a validator that needs a handful.
 */
function reachableSchemas(schemas: Record<string, JsonValue>, name: string): Record<string, JsonValue> {
  const reached: Record<string, JsonValue> = {};
  const visit = (key: string): void => {
    if (key in reached) return;
    const schema = schemas[key];
    if (schema === undefined) throw new Error(`the OpenAPI spec has no schema ${key}`);
    reached[key] = schema;
    for (const [, ref] of JSON.stringify(schema).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) visit(ref as string);
  };
  visit(name);
  return reached;
}

/** GitHub sends step status `pending`, which the spec's step enum lacks (seen on real running jobs): the one allowed deviation. */
export function isPendingStepStatus(error: ErrorObject, job: { steps?: Array<{ status: string }> }): boolean {
  const match = /^\/steps\/(\d+)\/status$/.exec(error.instancePath);
  return error.keyword === 'enum' && match !== null && job.steps?.[Number(match[1])]?.status === 'pending';
}
