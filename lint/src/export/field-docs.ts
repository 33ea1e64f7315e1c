/**
 * The doc comments written beside each field in the schema sources (`/** Mount path, e.g. … *\/ path: …`),
 * read with the TypeScript parser so the JSON Schemas can show them on hover without a second copy of the
 * text. Zod keeps no comments at runtime, and moving every comment into `.meta()` calls would make the
 * schema files harder to read; the source stays the one place a field is described.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface FactoryDocs {
  /** Dotted field path inside the factory's object (`meter.stopVerb`) → its doc comment. */
  fields: Map<string, string>;
  /** Dotted field path → the factory whose object that field holds (`storage` → `StorageTierSchema`). */
  refs: Map<string, string>;
  /** For factories that only wrap another (`SourcesSchema` → `SourceSchema`). */
  alias?: string;
}

const OBJECT_CALLS = new Set(['z.strictObject', 'z.object', 'z.looseObject']);
const FACTORY = /Schema$/;

function docOf(node: ts.Node): string | undefined {
  const parts = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
    .filter(Boolean);
  return parts.length ? parts.join(' ').replace(/\s+/g, ' ').trim() : undefined;
}

/** The first `z.strictObject({ … })` literal under a node, not looking inside calls to other factories. */
function objectLiteralIn(node: ts.Node): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const callee = n.expression.getText();
      const arg = n.arguments[0];
      if (OBJECT_CALLS.has(callee) && arg && ts.isObjectLiteralExpression(arg)) return void (found = arg);
      if (ts.isIdentifier(n.expression) && FACTORY.test(callee)) return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The first call to another schema factory under a node (`StorageTierSchema()`). */
function factoryCallIn(node: ts.Node): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && FACTORY.test(n.expression.text)) return void (found = n.expression.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function walkObject(object: ts.ObjectLiteralExpression, prefix: string, docs: FactoryDocs) {
  for (const prop of object.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const key = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : prop.name.getText();
    const path = prefix ? `${prefix}.${key}` : key;
    const doc = docOf(prop);
    if (doc) docs.fields.set(path, doc);
    const nested = objectLiteralIn(prop.initializer);
    if (nested) walkObject(nested, path, docs);
    else {
      const ref = factoryCallIn(prop.initializer);
      if (ref) docs.refs.set(path, ref);
    }
  }
}

let cache: Map<string, FactoryDocs> | undefined;

/** Doc comments of every schema factory in lint/src/schema/, by factory name. */
export function factoryDocs(): Map<string, FactoryDocs> {
  if (cache) return cache;
  const dir = fileURLToPath(new URL('../schema/', import.meta.url));
  const out = new Map<string, FactoryDocs>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const source = ts.createSourceFile(name, readFileSync(`${dir}${name}`, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isFunctionDeclaration(statement) || !statement.name || !statement.body || !FACTORY.test(statement.name.text)) continue;
      const docs: FactoryDocs = { fields: new Map(), refs: new Map() };
      const object = objectLiteralIn(statement.body);
      if (object) walkObject(object, '', docs);
      else docs.alias = factoryCallIn(statement.body);
      out.set(statement.name.text, docs);
    }
  }
  return (cache = out);
}

/** Follow wrapper factories to the one that holds the object. */
export function objectFactory(name: string, docs = factoryDocs()): string {
  const seen = new Set<string>();
  let current = name;
  while (docs.get(current)?.alias && !seen.has(current)) {
    seen.add(current);
    current = docs.get(current)!.alias!;
  }
  return current;
}
