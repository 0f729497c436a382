import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from "kysely";

const NUL = /\u0000/g;
/** A string parameter with its NUL characters as U+FFFD (PostgreSQL text cannot hold U+0000). */
export const cleanNul = (value: unknown) =>
  typeof value === "string" && value.includes("\u0000") ? value.replace(NUL, "\uFFFD") : value;
const clean = cleanNul;

class NulTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = clean(node.value);
    return value === node.value ? super.transformValue(node) : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node.values.some((v) => typeof v === "string" && v.includes("\u0000"))
      ? { ...node, values: node.values.map(clean) }
      : node;
  }
}

/**
 * PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"), so a visitor's
 * NUL in a slug, code, e-mail or channel key would become a 500. Every string parameter's NUL is sent
 * as U+FFFD instead: a lookup finds nothing (no stored value holds a NUL), as it does on SQLite.
 * JSON answers are unaffected (JSON.stringify writes NUL as the six characters \u0000).
 */
export class PostgresNulPlugin implements KyselyPlugin {
  private readonly transformer = new NulTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
