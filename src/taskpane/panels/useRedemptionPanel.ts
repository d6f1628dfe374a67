import { useEffect, useState } from "react";
import { localIsoDate } from "../../core/period";
import { loadRedemptionAction, redeemAction } from "../actions";
import type { LedgerHost } from "../host";
import { useAction } from "../useAction";

export interface RedemptionFields {
  memberId: string;
  item: string;
  points: string;
  date: string;
  handler: string;
}

/**
 * 积分兑换: each member's approved points and balance; redeem for a reward (refused beyond the
 * balance, with the balance in the message). Reloads after each redemption.
 */
export function useRedemptionPanel(host: LedgerHost, today = new Date()) {
  const balances = useAction(loadRedemptionAction, host);
  const redeem = useAction(redeemAction, host);
  const { run: load } = balances;
  const [fields, setFields] = useState<RedemptionFields>({ memberId: "", item: "", points: "", date: localIsoDate(today), handler: "" });

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const list = balances.result ?? [];
  const member = list.find((b) => b.memberId === fields.memberId) ?? null;
  const problems = [
    ...(member ? [] : ["请选择党员"]),
    ...(fields.item.trim() ? [] : ["请填写兑换事项"]),
    ...(/^\d+(\.\d)?$/.test(fields.points.trim()) && Number(fields.points) > 0 ? [] : ["消耗积分须为正数，最多一位小数"]),
  ];

  return {
    loading: balances.running,
    loadError: balances.error,
    balances: list,
    member,
    fields,
    update: (patch: Partial<RedemptionFields>) => setFields((f) => ({ ...f, ...patch })),
    problems,
    redeem,
    submit: async () => {
      if (problems.length) return null;
      const result = await redeem.run({ date: fields.date.trim(), memberId: fields.memberId, item: fields.item.trim(), points: fields.points.trim(), handler: fields.handler.trim() || undefined });
      if (result) {
        setFields((f) => ({ ...f, item: "", points: "" }));
        await load(undefined);
      }
      return result;
    },
  };
}
