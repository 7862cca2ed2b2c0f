import fc from 'fast-check';

/** A JSON Schema node of the committed OpenAPI document (only the keywords it uses). */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

const LONE_SURROGATES = ['\uD800', 'a\uDFFFb', '\uDBFF'];

/** Strings a hostile or broken client sends: NUL and control characters, lone surrogates, bidi overrides, injections. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'x\u0000',
    '%00',
    ...LONE_SURROGATES,
    '\u202Eevil',
    '\u0007\u001b[31m\r\n',
    '',
    ' ',
    '../../etc/passwd',
    "' or 1=1 --",
    '__proto__',
    'constructor',
    '𠜎𠜱',
    'é',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 }),
  fc.constantFrom(65, 200, 5000, 70_000).map((n) => 'x'.repeat(n)),
);

/** Numbers past every sane bound: huge, tiny, negative zero, unsafe integers. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 64, -0, 0.1 + 0.2, 5e-324, 1.005, 99999999999),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

function deepNesting(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Any hostile JSON value, for a field of any type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(null, true, false, [], {}, [null], { '': '' }),
  fc.constantFrom(20, 300).map(deepNesting),
);

/** Generates values for a schema of the document: mostly valid in shape, with hostile values mixed in. */
export class OpenApiArbitraries {
  constructor(private readonly components: Record<string, SchemaNode>) {}

  resolve(node: SchemaNode): SchemaNode {
    if (!node.$ref) return node;
    const name = node.$ref.replace('#/components/schemas/', '');
    const target = this.components[name];
    if (!target) throw new Error(`unresolved ${node.$ref}`);
    return this.resolve(target);
  }

  /** `hostility`: the chance (0–1) that any one field gets a hostile value instead of a well-formed one. */
  value(node: SchemaNode, hostility = 0.15, depth = 0): fc.Arbitrary<unknown> {
    const wellFormed = this.wellFormed(this.resolve(node), hostility, depth);
    if (hostility <= 0) return wellFormed;
    const weight = Math.max(1, Math.round(hostility * 100));
    return fc.oneof({ arbitrary: wellFormed, weight: 100 - weight }, { arbitrary: hostileValue, weight });
  }

  private wellFormed(node: SchemaNode, hostility: number, depth: number): fc.Arbitrary<unknown> {
    if (depth > 8) return fc.constant(null);
    if (node.const !== undefined) return fc.constant(node.const);
    if (node.enum) return fc.constantFrom(...node.enum);
    const choices = node.oneOf ?? node.anyOf;
    if (choices) return fc.oneof(...choices.map((c) => this.value(c, hostility, depth + 1)));
    if (node.allOf?.[0]) return this.value(node.allOf[0], hostility, depth + 1);
    const type = Array.isArray(node.type) ? (node.type.find((t) => t !== 'null') ?? 'null') : node.type;
    switch (type) {
      case 'object':
        return this.object(node, hostility, depth);
      case 'array': {
        const min = node.minItems ?? 0;
        return fc.array(node.items ? this.value(node.items, hostility, depth + 1) : hostileValue, { minLength: min, maxLength: Math.max(min, Math.min(node.maxItems ?? 3, 3)) });
      }
      case 'string':
        return this.string(node);
      case 'integer':
        return fc.integer({ min: Math.max(node.minimum ?? -1000, -1e6), max: Math.min(node.maximum ?? 100_000, 1e9) });
      case 'number':
        return fc.double({ min: node.minimum ?? -1000, max: node.maximum ?? 1000, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return hostileValue;
    }
  }

  private object(node: SchemaNode, hostility: number, depth: number): fc.Arbitrary<unknown> {
    const props = node.properties ?? {};
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, schema] of Object.entries(props)) record[key] = this.value(schema, hostility, depth + 1);
    const required = (node.required ?? []).filter((k) => k in props);
    const base = fc.record(record, { requiredKeys: required });
    if (hostility <= 0) return base;
    // Now and then an unknown field, or a required one missing.
    return fc.tuple(base, fc.option(fc.tuple(fc.oneof(hostileString, fc.constantFrom('unknownField', '__proto__')), hostileValue), { freq: 8 })).map(([value, extra]) => {
      const out = { ...(value as Record<string, unknown>) };
      if (extra) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
      return out;
    });
  }

  private string(node: SchemaNode): fc.Arbitrary<string> {
    if (node.format === 'date') return fc.date({ min: new Date('2026-08-01'), max: new Date('2027-02-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    if (node.format === 'date-time') return fc.date({ min: new Date('2026-08-01'), max: new Date('2027-02-01'), noInvalidDate: true }).map((d) => d.toISOString());
    if (node.pattern) return fc.stringMatching(new RegExp(node.pattern)).filter((s) => s.length <= (node.maxLength ?? 200));
    const min = node.minLength ?? 0;
    return fc.oneof(
      fc.constantFrom('w1', 's1', 'dep1', 'item1', 'p1').filter((s) => s.length >= min),
      fc.string({ minLength: min, maxLength: Math.max(min, Math.min(node.maxLength ?? 20, 20)) }),
    );
  }
}
