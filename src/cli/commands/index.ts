import type { Command } from "../args";
import { importCommand, init, repair, schemes, scores, validate } from "./ledger";
import { approval, demo, publicity, report, rollup } from "./reports";
import { appeal, approve, branchScore, commitment, dues, grading, redeem, stars } from "./workflow";

/** Every command, in the order the usage text lists them. */
export const COMMANDS: readonly Command[] = [demo, rollup, schemes, init, importCommand, scores, validate, repair, publicity, approval, report, approve, appeal, redeem, commitment, stars, grading, branchScore, dues];
