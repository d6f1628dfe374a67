/**
 * The cached result of each formula cell of a generated sheet, worked out from the sheet's own cells,
 * so that a reader which shows cached values without recalculating (the offline web page's grid, a
 * viewer, WPS in some modes) shows the numbers and not "=SUM(E5:E16)". Covers the small standard
 * formula language the forms use (SUM, AVERAGE, ROUND, MIN, MAX, COUNTIF, IF, HYPERLINK, arithmetic,
 * comparison, &) on cells of the same sheet; anything else keeps no cached value (Excel and LibreOffice
 * recalculate it on opening).
 */
import { isoToSerial } from "../dates";
import { type Cell, type CellSpec, type SheetModel, columnIndexOf } from "../sheetModel";

type Scalar = number | string | boolean | null;
type Value = Scalar | Scalar[];

/** Raised inside evaluation for what is outside the language or an Excel error result: no cached value. */
class Unsupported extends Error {}

type Token = { kind: "num"; value: number } | { kind: "str"; value: string } | { kind: "ref"; row: number; col: number } | { kind: "name"; value: string } | { kind: "op"; value: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|"((?:[^"]|"")*)"|\$?([A-Z]{1,3})\$?(\d+)(?![A-Z0-9(])|([A-Z][A-Z0-9.]*)|(<>|<=|>=|[-+*/&=<>(),:]))/y;

/** Tokens by formula text: the forms repeat the same formulas sheet after sheet (a 个人台账 per member). */
const TOKENS = new Map<string, Token[] | Unsupported>();

function tokenize(formula: string): Token[] {
  let known = TOKENS.get(formula);
  if (known === undefined) {
    try {
      known = tokenizeAnew(formula);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      known = e;
    }
    if (TOKENS.size > 50_000) TOKENS.clear();
    TOKENS.set(formula, known);
  }
  if (known instanceof Unsupported) throw known;
  return known;
}

function tokenizeAnew(formula: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  const text = formula.replace(/^=/, "");
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (/^\s*$/.test(text.slice(start))) break;
      throw new Unsupported(text.slice(start));
    }
    if (m[1] !== undefined) out.push({ kind: "num", value: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: "str", value: m[2].replace(/""/g, '"') });
    else if (m[3] !== undefined) out.push({ kind: "ref", col: columnIndexOf(m[3]), row: Number(m[4]) });
    else if (m[5] !== undefined) out.push({ kind: "name", value: m[5].toUpperCase() });
    else out.push({ kind: "op", value: m[6] });
  }
  return out;
}

const num = (v: Scalar): number => {
  if (typeof v === "number") return v;
  if (v === null || v === "") return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Unsupported(`#VALUE! ${v}`);
  return n;
};
const scalar = (v: Value): Scalar => {
  if (Array.isArray(v)) throw new Unsupported("range as a value");
  return v;
};
const text = (v: Scalar): string => (v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));
const numbersOf = (args: Value[]): number[] => args.flatMap((a) => (Array.isArray(a) ? a.filter((x): x is number => typeof x === "number") : [num(a)]));

/** Excel's ROUND: half away from zero, on the decimal digits shown (2.675 → 2.68). */
export function round(x: number, digits: number): number {
  const p = 10 ** digits;
  return (Math.sign(x) * Math.round(Number((Math.abs(x) * p).toPrecision(15)))) / p;
}

/** Excel's order: numbers, then text (case-insensitive), then booleans; a blank is 0, "" or FALSE beside the other side. */
function compare(left: Scalar, right: Scalar, op: string): boolean {
  const blankLike = (other: Scalar): Scalar => (typeof other === "string" ? "" : typeof other === "boolean" ? false : 0);
  const a = left ?? blankLike(right);
  const b = right ?? blankLike(left);
  const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  let d: number;
  if (rank(a) !== rank(b)) d = rank(a) - rank(b);
  else if (typeof a === "string" && typeof b === "string") {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    d = x < y ? -1 : x > y ? 1 : 0;
  } else d = num(a) - num(b);
  switch (op) {
    case "=":
      return d === 0;
    case "<>":
      return d !== 0;
    case "<":
      return d < 0;
    case ">":
      return d > 0;
    case "<=":
      return d <= 0;
    default:
      return d >= 0;
  }
}

/** COUNTIF's criterion: an operator and a number, or text with * ? wildcards (~ escapes), case-insensitive. */
function criterionTest(criterion: Scalar): (v: Scalar) => boolean {
  if (typeof criterion === "number") return (v) => typeof v === "number" && v === criterion;
  const raw = text(criterion);
  const m = /^(<>|<=|>=|<|>|=)?([\s\S]*)$/.exec(raw)!;
  const op = m[1] ?? "=";
  const rest = m[2];
  const n = rest.trim() !== "" && Number.isFinite(Number(rest)) ? Number(rest) : null;
  if (n !== null) return (v) => typeof v === "number" && compare(v, n, op);
  if (op !== "=" && op !== "<>") return (v) => typeof v === "string" && compare(v, rest, op);
  const pattern = new RegExp(`^${rest.replace(/~([*?~])|([*?])|([.+^${}()|[\]\\])/g, (_, esc, wild, special) => (esc ? `\\${esc}` : wild ? (wild === "*" ? "[\\s\\S]*" : "[\\s\\S]") : `\\${special}`))}$`, "i");
  const matches = (v: Scalar) => (rest === "" ? v === null || v === "" : v !== null && pattern.test(text(v)));
  return op === "=" ? matches : (v) => !matches(v);
}

const FUNCTIONS: Record<string, (args: Value[]) => Scalar> = {
  SUM: (a) => numbersOf(a).reduce((s, x) => s + x, 0),
  AVERAGE: (a) => {
    const xs = numbersOf(a);
    if (xs.length === 0) throw new Unsupported("#DIV/0!");
    return xs.reduce((s, x) => s + x, 0) / xs.length;
  },
  MIN: (a) => (numbersOf(a).length ? Math.min(...numbersOf(a)) : 0),
  MAX: (a) => (numbersOf(a).length ? Math.max(...numbersOf(a)) : 0),
  ROUND: ([x, d]) => round(num(scalar(x)), num(scalar(d ?? 0))),
  COUNTIF: ([range, criterion]) => {
    if (!Array.isArray(range)) throw new Unsupported("COUNTIF without a range");
    const test = criterionTest(scalar(criterion));
    return range.filter(test).length;
  },
  HYPERLINK: ([target, label]) => text(scalar(label ?? target)),
};

/** A parser over one formula's tokens, reading cells through `cell`. IF is lazy, as in Excel. */
class Evaluator {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly cell: (row: number, col: number) => Scalar,
  ) {}

  run(): Scalar {
    const v = scalar(this.comparison());
    if (this.at !== this.tokens.length) throw new Unsupported("trailing tokens");
    return v;
  }

  private peekOp(...ops: string[]): string | null {
    const t = this.tokens[this.at];
    return t?.kind === "op" && ops.includes(t.value) ? t.value : null;
  }

  private expect(op: string): void {
    if (!this.peekOp(op)) throw new Unsupported(`expected ${op}`);
    this.at++;
  }

  private comparison(): Value {
    const left = this.concat();
    const op = this.peekOp("=", "<>", "<", ">", "<=", ">=");
    if (!op) return left;
    this.at++;
    return compare(scalar(left), scalar(this.concat()), op);
  }

  private concat(): Value {
    let v = this.additive();
    while (this.peekOp("&")) {
      this.at++;
      v = text(scalar(v)) + text(scalar(this.additive()));
    }
    return v;
  }

  private additive(): Value {
    let v = this.term();
    for (let op = this.peekOp("+", "-"); op; op = this.peekOp("+", "-")) {
      this.at++;
      const r = num(scalar(this.term()));
      v = op === "+" ? num(scalar(v)) + r : num(scalar(v)) - r;
    }
    return v;
  }

  private term(): Value {
    let v = this.unary();
    for (let op = this.peekOp("*", "/"); op; op = this.peekOp("*", "/")) {
      this.at++;
      const r = num(scalar(this.unary()));
      if (op === "/" && r === 0) throw new Unsupported("#DIV/0!");
      v = op === "*" ? num(scalar(v)) * r : num(scalar(v)) / r;
    }
    return v;
  }

  private unary(): Value {
    if (this.peekOp("-")) {
      this.at++;
      return -num(scalar(this.unary()));
    }
    if (this.peekOp("+")) {
      this.at++;
      return this.unary();
    }
    return this.primary();
  }

  private primary(): Value {
    const t = this.tokens[this.at++];
    if (!t) throw new Unsupported("end of formula");
    if (t.kind === "num" || t.kind === "str") return t.value;
    if (t.kind === "ref") {
      if (!this.peekOp(":")) return this.cell(t.row, t.col);
      this.at++;
      const end = this.tokens[this.at++];
      if (end?.kind !== "ref") throw new Unsupported("range");
      const cells: Scalar[] = [];
      for (let r = Math.min(t.row, end.row); r <= Math.max(t.row, end.row); r++) for (let c = Math.min(t.col, end.col); c <= Math.max(t.col, end.col); c++) cells.push(this.cell(r, c));
      return cells;
    }
    if (t.kind === "op" && t.value === "(") {
      const v = this.comparison();
      this.expect(")");
      return v;
    }
    if (t.kind === "name") {
      if (t.value === "TRUE" || t.value === "FALSE") return t.value === "TRUE";
      this.expect("(");
      if (t.value === "IF") return this.conditional();
      const fn = FUNCTIONS[t.value];
      if (!fn) throw new Unsupported(t.value);
      const args: Value[] = [];
      if (!this.peekOp(")"))
        do {
          if (args.length) this.at++;
          args.push(this.comparison());
        } while (this.peekOp(","));
      this.expect(")");
      return fn(args);
    }
    throw new Unsupported("token");
  }

  /** IF(test, then, else): only the branch taken is read (the other may be outside the language). */
  private conditional(): Value {
    const test = scalar(this.comparison());
    this.expect(",");
    if (typeof test === "string") throw new Unsupported("#VALUE!");
    const truthy = num(test) !== 0;
    const skip = () => {
      let depth = 0;
      while (this.at < this.tokens.length) {
        const t = this.tokens[this.at];
        if (t.kind === "op" && t.value === "(") depth++;
        if (t.kind === "op" && (t.value === ")" || t.value === ",") && depth === 0) return;
        if (t.kind === "op" && t.value === ")") depth--;
        this.at++;
      }
    };
    let value: Value = false;
    if (truthy) value = this.comparison();
    else skip();
    if (this.peekOp(",")) {
      this.at++;
      if (truthy) skip();
      else value = this.comparison();
    } else if (!truthy) value = false;
    this.expect(")");
    return value;
  }
}

/** The value a cell of the model holds for formulas: its value, a date as its serial, a formula's result. */
function plainValue(spec: CellSpec | undefined): Scalar {
  if (!spec) return null;
  const v: Cell | undefined = spec.value;
  if (v === undefined || v === null) return null;
  if (spec.date && typeof v === "string") return isoToSerial(v);
  return v;
}

/** The model with `result` set on every formula cell whose value the sheet's own cells determine. */
export function withFormulaResults(model: SheetModel): SheetModel {
  const rows = model.rows;
  if (!rows.some((r) => r.some((c) => c.formula !== undefined && c.result === undefined))) return model;
  const results = new Map<string, Scalar | undefined>();
  const pending = new Set<string>();
  const resultOf = (row: number, col: number): Scalar => {
    const spec = rows[row - 1]?.[col];
    if (spec?.formula === undefined) return plainValue(spec);
    if (spec.result !== undefined) return spec.result;
    const key = `${row}:${col}`;
    if (results.has(key)) {
      const known = results.get(key);
      if (known === undefined) throw new Unsupported("depends on an unknown result");
      return known;
    }
    if (pending.has(key)) throw new Unsupported("circular");
    pending.add(key);
    let value: Scalar | undefined;
    try {
      value = new Evaluator(tokenize(spec.formula), resultOf).run();
      if (typeof value === "number" && !Number.isFinite(value)) value = undefined;
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      value = undefined;
    } finally {
      pending.delete(key);
    }
    results.set(key, value);
    if (value === undefined) throw new Unsupported("no result");
    return value;
  };
  const filled = rows.map((cells, r) =>
    cells.map((spec, c) => {
      if (spec.formula === undefined || spec.result !== undefined) return spec;
      try {
        const result = resultOf(r + 1, c);
        return result === null ? spec : { ...spec, result };
      } catch (e) {
        if (e instanceof Unsupported) return spec;
        throw e;
      }
    }),
  );
  return { ...model, rows: filled };
}
