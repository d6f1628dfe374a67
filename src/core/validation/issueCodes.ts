/**
 * Every validation code, with what the clerk should do about it. A code is a key of this table, so the
 * compiler refuses an issue whose code has no hint; a code means one thing on one kind of cell.
 */
export const ISSUE_HINTS = {
  // 积分台账
  "unknown-member": "编号须是「党员名册」中的编号：改正编号，或先在名册中添加该党员",
  "unknown-item": "项目代码须是「积分规则」中的代码：从下拉列表中选择",
  "name-mismatch": "姓名与名册不一致：以名册为准改正姓名，或核对编号",
  "bad-date": "日期不是真实日期：按 2026-03-01 的格式填写",
  "date-missing": "填写发生日期",
  "date-out-of-cycle": "日期不在本台账的考核周期内：核对年份，或记到对应年度的台账",
  "bad-count": "次数须为正整数：留空表示 1 次",
  "missing-value": "酌情计分项目须填写分值，范围见「积分规则」",
  "value-out-of-range": "分值超出该项目的范围：按「积分规则」改正",
  "value-mismatch": "固定分值项目的分值应与规则一致：改正或清空分值（清空后按规则计）",
  "value-not-number": "分值须为数字",
  "item-category": "该项目不适用于此党员类别：换用适用的项目",
  "cap-exceeded": "超过该项目的期间上限：超出部分不计分，可保留记录备查",
  "evidence-missing": "该项目须有证明材料：填写材料名称或存放位置",
  "duplicate-entry": "同一天同一项目重复记录：确认是否多录，多录的请新增一行、在「撤销记录号」填该行的记录号来更正",
  "member-not-joined": "记录日期早于该党员入党/转入日期：核对日期或名册",
  "member-before-transfer": "记录在该党员转入本支部之前：转入前的月份按支部平均分计，核对日期或名册的转入日期",
  "roster-no-transfer-date": "名册缺少「转入日期」列：运行 init 补上，再为新入职或转入的党员填写",
  "member-not-active": "该党员已转出：核对日期或在册状态",
  "approved-period-edited": "已审定期间的记录被改动：恢复原值，更正请走申诉（处理申诉时撤销原记录）",
  "reversal-target-missing": "撤销记录号指向的记录不存在：填写要撤销的原记录的记录号（台账最右的「记录号」列）",
  "reversal-target-ambiguous": "撤销记录号指向的记录号有多行：先清空复制出来的那一行的记录号，加载项写入时会重新编号",
  "reversal-other-member": "撤销记录号指向的是另一名党员的记录：核对记录号",
  "duplicate-record-id": "两行记录号相同（多为复制粘贴的行）：清空后来那一行的记录号，加载项写入台账时会重新编号",
  "bad-record-id": "记录号由加载项编写：清空这个单元格，加载项写入台账时会重新编号",
  "approval-records-missing": "审定记录缺失：从备份恢复「审定记录」「审定指纹」工作表；无法恢复的，须由支委会重新审定并在会议记录中说明",
  "reversed-twice": "同一行被撤销了两次：删除多余的撤销记录",
  // 党费交纳
  "dues-bad-month": "月份按 2026-03 填写",
  "dues-bad-amount": "应交、实交填金额（元），未交纳的实交留空或填 0",
  "dues-bad-date": "交纳日期按 2026-03-05 填写，未交纳的留空",
  "dues-duplicate": "同一党员同一月份只登记一行：合并或删除多余的行",
  "dues-also-in-ledger": "党费问题只在一处计分：删除「积分台账」中该月的党费扣分记录，或删除本表的这一行",
  // 上年积分
  "previous-total-bad": "上年得分须为不小于 0 的数：按上年台账的年度总分填写",
  "previous-total-duplicate": "同一党员只填一行上年得分：删除多余的行",
  "previous-total-missing": "用 party-ledger init --previous 上年台账.xlsx 结转上年得分，或在「上年积分」中逐人填写",
  // 党员名册
  "member-id-blank": "填写党员编号",
  "member-id-duplicate": "编号重复：每名党员一个唯一编号",
  "member-name-blank": "填写姓名",
  "unknown-category": "党员类别须是方案中的类别：从下拉列表中选择",
  "unknown-member-status": "在册状态须从下拉列表中选择",
  "probation-before-join": "转正日期不能早于入党日期：核对日期",
  // 民主评议
  "unknown-grade": "评议等次须是方案中的等次：从下拉列表中选择",
  "grade-missing": "填写评议等次",
  "score-missing": "填写评议分值",
  "score-out-of-range": "评议分值超出方案范围：改正分值",
  "appraised-twice": "同一党员同一年度评议了两次：删除多余的一行",
  // 设置与结构
  "bad-year": "年度须为四位年份",
  "unknown-scheme": "「设置」中的方案 ID 不是已知方案：在「开始」中重新选择方案",
  "unknown-scheme-version": "「设置」中的方案版本不存在：改为现有版本",
  "missing-table": "缺少台账表格：在「开始」中重新生成台账（已有数据会保留）",
  "missing-column": "表格缺少列：把改动的表头改回原名，或恢复被删除的列（表头中的空格、换行不要紧）",
  "table-as-range": "表格已被转换为普通区域，数据已按表头读取：运行 party-ledger repair（或任务窗格「校验」中的「修复表格」）在原单元格上重建表格，单元格一个不动",
  "row-below-table": "这一行隔着空行录在表格下方，不属于表格：运行 party-ledger repair（或任务窗格「校验」中的「修复表格」）把它并入表格，或删除它与表格之间的空行",
  "unreadable-cell": "单元格无法读取（数字列中的文字、#REF!/#N/A 等错误值、不是方案中的评议等次）：改为数字或方案中的值、恢复公式引用的单元格；改正前不计分、不生成报表、不能审定",
  "column-beside-table": "这一列不属于表格，加载项不读取：需要保留的内容请移入表格的列，或在表头所在行填写列名后运行 repair 并入表格",
  // 承诺事项
  "commitment-blank": "填写承诺的具体事项，或删除这一空行",
  "commitment-bad-deadline": "完成时限不是真实日期：按 2026-12-31 的格式填写",
  "commitment-unknown-status": "完成情况从下拉列表中选择：未开始、进行中、已兑现或未兑现",
  "commitment-unscored": "承诺已兑现或未兑现：在积分台账中记分后，把那条记录的记录号（最后一列）填入「积分记录号」",
  "commitment-entry-mismatch": "「积分记录号」须指向该党员兑现（或未兑现）承诺的那条积分记录：核对记录号",
  // 积分兑换
  "redemption-bad-date": "兑换日期不是真实日期：按 2026-03-01 的格式填写",
  "redemption-item-blank": "填写兑换的奖励或福利",
  "redemption-bad-points": "消耗积分须为正数，最多一位小数",
  // 评星晋级
  "branch-blank": "填写党组织（党支部）名称",
  "duplicate-branch": "同一党支部同一年度只留一行：删除或合并多余的一行",
  "profile-bad-count": "人数须为不小于 0 的整数",
  "count-over-members": "人数之间不相符：核对党员人数与各类人数",
  "bad-star-mark": "已评定的星填 √，未评定的留空",
  "unknown-target": "晋级目标从下拉列表中选择（如 四星级党支部）",
  "target-below-level": "晋级目标低于已评定的星级：核对目标，或保持当前星级",
  "star-ledger-mismatch": "√ 与积分台账中该党支部的星级记录不一致：补记台账，或改正 √",
  // 分类定级
  "duplicate-grading": "同一党员同一年度只留一行：删除或合并多余的一行",
  "grading-bad-deadline": "整改时限填日期（2026-12-31）或月份（2026-12）",
  "grading-unknown-appraisal": "测评结果须是方案中的评议等次：从下拉列表中选择",
  "bad-promotion": "是否晋位填「是」或「否」",
  "promotion-without-outcome": "晋位前填写整改结果",
  // 支部积分
  "bad-month": "月份按 2026-03 的格式填写",
  "branch-score-blank": "填写党支部名称",
  "unknown-kind": "类别从下拉列表中选择：上年得分、基础分扣分、任务分或奖励分",
  "bad-points": "分值须为数字",
  "negative-points": "任务分、奖励分不能为负数：扣分记为「基础分扣分」",
  "over-cap": "当月合计超过上限：超出部分不计，核对是否重复登记",
  "previous-duplicate": "每个党支部每年只登记一条上年得分：删除多余的一行",
  "previous-out-of-range": "上年得分须在 0 至 100 之间",
  "no-previous-score": "登记该党支部的上年考核得分（类别「上年得分」），否则 1 月基础分按 40 分计",
} as const satisfies Record<string, string>;

export type IssueCode = keyof typeof ISSUE_HINTS;

export function fixHint(code: IssueCode): string {
  return ISSUE_HINTS[code];
}
