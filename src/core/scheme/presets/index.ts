import { CoreError } from "../../errors";
import { parseScheme, type Scheme, type SchemeInput } from "../schema";
import { branchStars } from "./branchStars";
import { classifiedGrading } from "./classifiedGrading";
import { company } from "./company";
import { decNovCycle } from "./decNovCycle";
import { detailed100 } from "./detailed100";
import { enterpriseHalf } from "./enterpriseHalf";
import { handbook } from "./handbook";
import { hospital } from "./hospital";
import { oilfield6040 } from "./oilfield6040";
import { starMember } from "./starMember";

/** In the order the systems appear in the regulations (docs/regulations-seed.txt). */
const PRESET_INPUTS: readonly SchemeInput[] = [
  company,
  oilfield6040,
  handbook,
  branchStars,
  starMember,
  hospital,
  enterpriseHalf,
  decNovCycle,
  classifiedGrading,
  detailed100,
];

function parsePreset(input: SchemeInput): Scheme {
  const parsed = parseScheme(input);
  if (!parsed.success) {
    const detail = parsed.errors.map((e) => `${e.path}: ${e.message}`).join("; ");
    throw new CoreError("bad-preset", `内置方案 ${input.id} 无效：${detail}`);
  }
  return parsed.data;
}

export const BUILTIN_SCHEMES: readonly Scheme[] = PRESET_INPUTS.map(parsePreset);

export function findBuiltinScheme(id: string): Scheme | undefined {
  return BUILTIN_SCHEMES.find((s) => s.id === id);
}

export function getBuiltinScheme(id: string): Scheme {
  const scheme = findBuiltinScheme(id);
  if (!scheme) {
    const known = BUILTIN_SCHEMES.map((s) => s.id).join("、");
    throw new CoreError("unknown-scheme", `没有 id 为「${id}」的内置方案；可用的有：${known}`);
  }
  return scheme;
}
